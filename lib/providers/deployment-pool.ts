/**
 * The live state of every tier's deployments in this process, and the call that uses it:
 * pick a deployment (pick-deployment.ts) among those not cooling down or ejected, call it, and
 * on a 429/503 or a refused connection move on to another deployment of the same tier within
 * the same attempt; the execution machine only hears of the tier failing when every usable
 * deployment did. A 429/503 cools its deployment down until its Retry-After (1 s without one);
 * `ejectAfter` failures in a row (connection errors, timeouts, 5xx) eject it for `ejectMs`, after
 * which the next call probes it again. Per process: with several gateway instances each keeps
 * its own view (the tier's breaker, shared through Redis, still sees the tier as a whole).
 */
import type { DeploymentVia } from "../routing/execution/types";
import { pickDeployment } from "./pick-deployment";
import { isProviderError, ProviderError } from "./provider-error";
import type { DeploymentTarget, ProviderTarget } from "./types";

type State = { inFlight: number; coolUntil: number; failures: number; ejectedUntil: number; lastError: string | null; lastErrorAt: number | null };

export type DeploymentStatus = "healthy" | "cooling" | "ejected";

/** One deployment as the console shows it. */
export type DeploymentState = {
  tier: string;
  name: string;
  region: string | null;
  weight: number;
  status: DeploymentStatus;
  /** Epoch ms the cool-down or ejection ends (null while healthy). */
  until: number | null;
  inFlight: number;
  failuresInARow: number;
  lastError: string | null;
  lastErrorAt: number | null;
};

export type PoolOptions = { now?: () => number; rng?: () => number; ejectAfter?: number; ejectMs?: number; defaultCooldownMs?: number; maxCooldownMs?: number };

const COOLING_STATUS = new Set([429, 503]);

/** A failure another deployment of the same tier may not share: the tier is not at fault. */
function movesOn(error: unknown): boolean {
  if (!isProviderError(error)) return false;
  return error.kind === "connection" || (error.kind === "http" && COOLING_STATUS.has(error.status ?? 0));
}

function counts(error: unknown): boolean {
  if (!isProviderError(error)) return true;
  if (error.kind === "aborted") return false;
  return error.kind !== "http" || (error.status ?? 0) >= 500 || error.status === 429;
}

export class DeploymentPool {
  private readonly states = new Map<string, State>();
  private readonly now: () => number;
  private readonly rng: () => number;
  private readonly ejectAfter: number;
  private readonly ejectMs: number;
  private readonly defaultCooldownMs: number;
  private readonly maxCooldownMs: number;

  constructor(opts: PoolOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.rng = opts.rng ?? Math.random;
    this.ejectAfter = opts.ejectAfter ?? 3;
    this.ejectMs = opts.ejectMs ?? 30_000;
    this.defaultCooldownMs = opts.defaultCooldownMs ?? 1_000;
    this.maxCooldownMs = opts.maxCooldownMs ?? 300_000;
  }

  private state(tier: string, name: string): State {
    const key = `${tier}\u0000${name}`;
    let s = this.states.get(key);
    if (!s) this.states.set(key, (s = { inFlight: 0, coolUntil: 0, failures: 0, ejectedUntil: 0, lastError: null, lastErrorAt: null }));
    return s;
  }

  /** The next deployment to call, skipping `tried`: healthy ones first, ejected ones only when no other is left; never one cooling down. */
  choose(tier: string, deployments: readonly DeploymentTarget[], tried: ReadonlySet<string> = new Set()): DeploymentTarget | null {
    const now = this.now();
    const open = deployments.filter((d) => !tried.has(d.name) && this.state(tier, d.name).coolUntil <= now);
    const healthy = open.filter((d) => this.state(tier, d.name).ejectedUntil <= now);
    const pool = (healthy.length ? healthy : open).map((d) => ({ d, name: d.name, weight: d.weight, inFlight: this.state(tier, d.name).inFlight }));
    return pickDeployment(pool, this.rng)?.d ?? null;
  }

  succeeded(tier: string, name: string) {
    const s = this.state(tier, name);
    s.failures = 0;
    s.ejectedUntil = 0;
  }

  failed(tier: string, name: string, error: unknown) {
    if (!counts(error)) return;
    const s = this.state(tier, name);
    const now = this.now();
    s.lastError = error instanceof Error ? error.message.slice(0, 300) : String(error);
    s.lastErrorAt = now;
    if (isProviderError(error) && error.kind === "http" && COOLING_STATUS.has(error.status ?? 0)) {
      s.coolUntil = now + Math.min(this.maxCooldownMs, error.retryAfterMs ?? this.defaultCooldownMs);
      return;
    }
    if (++s.failures >= this.ejectAfter) s.ejectedUntil = now + this.ejectMs;
  }

  /**
   * Calls the tier: directly when it has no deployments, else one deployment after another as
   * described above. `via` is filled with the deployment that answered (or failed last) and the
   * failovers before it. `held` (a stream) keeps the call in flight until its promise settles.
   */
  async call<P>(target: ProviderTarget, run: (t: ProviderTarget) => Promise<P>, via: DeploymentVia | null, opts: { signal?: AbortSignal; held?: (p: P) => Promise<unknown> | null } = {}): Promise<P> {
    const deployments = target.deployments;
    if (!deployments?.length) return run(target);
    const tried = new Set<string>();
    let last: unknown = null;
    for (;;) {
      const d = this.choose(target.name, deployments, tried);
      if (!d) throw last ?? this.allCooling(target);
      tried.add(d.name);
      if (via) Object.assign(via, { deployment: d.name, model: d.target.model });
      const s = this.state(target.name, d.name);
      s.inFlight++;
      let held: Promise<unknown> | null = null;
      try {
        const payload = await run(d.target);
        this.succeeded(target.name, d.name);
        held = opts.held?.(payload) ?? null;
        return payload;
      } catch (error) {
        this.failed(target.name, d.name, error);
        if (opts.signal?.aborted || !movesOn(error)) throw error;
        last = error;
        via?.failovers.push(`${d.name}: ${error instanceof Error ? error.message.slice(0, 120) : String(error)}`);
      } finally {
        if (held) void held.then(() => s.inFlight--, () => s.inFlight--);
        else s.inFlight--;
      }
    }
  }

  private allCooling(target: ProviderTarget): ProviderError {
    const now = this.now();
    const until = Math.min(...(target.deployments ?? []).map((d) => this.state(target.name, d.name).coolUntil));
    return new ProviderError({
      kind: "http",
      status: 429,
      tier: target.name,
      retryAfterMs: Math.max(0, until - now),
      message: `every deployment of tier ${target.name} is cooling down (the first until ${new Date(until).toISOString()})`,
    });
  }

  /** Every configured deployment's state now, tiers in `targets` order. */
  snapshot(targets: Iterable<ProviderTarget>): DeploymentState[] {
    const now = this.now();
    const out: DeploymentState[] = [];
    for (const t of targets) {
      for (const d of t.deployments ?? []) {
        const s = this.state(t.name, d.name);
        const cooling = s.coolUntil > now;
        const ejected = s.ejectedUntil > now;
        out.push({
          tier: t.name,
          name: d.name,
          region: d.region ?? null,
          weight: d.weight,
          status: cooling ? "cooling" : ejected ? "ejected" : "healthy",
          until: cooling ? s.coolUntil : ejected ? s.ejectedUntil : null,
          inFlight: s.inFlight,
          failuresInARow: s.failures,
          lastError: s.lastError,
          lastErrorAt: s.lastErrorAt,
        });
      }
    }
    return out;
  }
}
