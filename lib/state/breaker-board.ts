/**
 * The circuit breakers of one process (one pure state machine per tier, routing/circuit-breaker),
 * kept in step with every other instance through Redis when there is one: a breaker that opens or
 * closes here is written to a hash (tier → its latest transition) and published; the others apply
 * it to their own mirror within milliseconds, and read the whole hash whenever their connection
 * (re)connects. The newer transition wins (by its time), so after an outage the instances converge
 * on whichever side saw the latest change. Open → half-open is not sent: every instance derives it
 * from the shared openedAt. Reads (health, admit) never touch the network: decide() stays sync.
 * Without Redis, or while it is down, each instance's breakers are its own, as before.
 */
import { advance, CLOSED, canRequest, healthOf, Outcomes, recordFailure, recordSuccess, type BreakerState } from "../routing/circuit-breaker";
import type { TierHealth } from "../routing/types";
import type { SharedRedis } from "./shared-redis";

type Status = BreakerState["status"];
export type BreakerTransition = { tier: string; from: Status; to: Status; at: number; origin: "local" | "remote"; reason: string };
/** What travels between instances: a tier's breaker opened (with its openedAt) or closed, at `at`. */
type Shared = { id: string; tier: string; status: "open" | "closed"; openedAt: number | null; failures: number; at: number };

const HASH = "breakers";
const CHANNEL = "breakers";

export class BreakerBoard {
  private readonly states = new Map<string, { state: BreakerState; at: number }>();
  private readonly listeners: Array<(t: BreakerTransition) => void> = [];

  constructor(
    private readonly redis: SharedRedis | null,
    private readonly instanceId: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!redis) return;
    redis.subscribe(CHANNEL, (message) => this.receive(message));
    redis.onReady(() => void this.resync());
  }

  /** Calls `listener` on every status change of a breaker here, whether this instance or another caused it. */
  onTransition(listener: (t: BreakerTransition) => void): void {
    this.listeners.push(listener);
  }

  /** The tiers whose breaker has left its initial closed state at least once here. */
  tiers(): string[] {
    return [...this.states.keys()];
  }

  state(tier: string): BreakerState {
    return this.states.get(tier)?.state ?? CLOSED;
  }

  health(tier: string): TierHealth {
    return healthOf(this.state(tier), this.now());
  }

  /** Asks the tier's breaker for permission to call; false while the circuit is open. */
  admit(tier: string): boolean {
    const { allowed, state } = canRequest(this.state(tier), this.now());
    this.put(tier, state, "local", "cooldown over: probing");
    return allowed;
  }

  report(tier: string, ok: boolean): void {
    const now = this.now();
    const current = advance(this.state(tier), now);
    const reason = ok ? "a request succeeded" : current.status === "half-open" ? "the probe failed" : `${current.consecutiveFailures + 1} consecutive failure(s)`;
    this.put(tier, ok ? recordSuccess(current, now) : recordFailure(current, now), "local", reason);
  }

  private put(tier: string, next: BreakerState, origin: BreakerTransition["origin"], reason: string, at = this.now()) {
    const before = this.states.get(tier);
    const from = before?.state.status ?? "closed";
    const changed = from !== next.status;
    this.states.set(tier, { state: next, at: changed ? at : (before?.at ?? 0) });
    if (!changed) return;
    for (const listener of this.listeners) listener({ tier, from, to: next.status, at, origin, reason });
    if (origin === "local" && next.status !== "half-open") this.share(tier, next, at);
  }

  private share(tier: string, state: BreakerState, at: number) {
    const redis = this.redis;
    if (!redis) return;
    const message: Shared = { id: this.instanceId, tier, status: state.status === "open" ? "open" : "closed", openedAt: state.openedAt, failures: state.consecutiveFailures, at };
    const text = JSON.stringify(message);
    void redis.attempt((c) => c.multi().hset(redis.key(HASH), tier, text).publish(redis.key(CHANNEL), text).exec(), () => null);
  }

  private receive(text: string) {
    const message = parseShared(text);
    if (message && message.id !== this.instanceId) this.apply(message);
  }

  /** A transition from elsewhere, unless this instance has seen a newer one for the tier. */
  private apply(m: Shared) {
    if ((this.states.get(m.tier)?.at ?? 0) >= m.at) return;
    const state: BreakerState =
      m.status === "open" ? { status: "open", consecutiveFailures: m.failures, samples: Outcomes.EMPTY, openedAt: m.openedAt ?? m.at, probesInFlight: 0 } : CLOSED;
    const current = advance(this.state(m.tier), this.now());
    if (current.status === state.status) return void this.states.set(m.tier, { state: current, at: m.at });
    this.put(m.tier, state, "remote", `shared by instance ${m.id}`, m.at);
  }

  /** On (re)connect: take the newer transitions from Redis, and write back the ones this instance saw later. */
  private async resync() {
    const redis = this.redis!;
    const all = await redis.attempt((c) => c.hgetall(redis.key(HASH)), () => null);
    if (!all) return;
    const remote = new Map<string, Shared>();
    for (const text of Object.values(all)) {
      const m = parseShared(text);
      if (m) remote.set(m.tier, m);
    }
    for (const m of remote.values()) this.apply(m);
    for (const [tier, { state, at }] of this.states) {
      const theirs = remote.get(tier);
      if (at > 0 && state.status !== "half-open" && (!theirs || theirs.at < at)) this.share(tier, state, at);
    }
  }
}

function parseShared(text: string): Shared | null {
  try {
    const m = JSON.parse(text) as Shared;
    return typeof m.tier === "string" && (m.status === "open" || m.status === "closed") && typeof m.at === "number" ? m : null;
  } catch {
    return null;
  }
}
