/**
 * One per process: the in-memory side of the gateway. It holds the config snapshot (reloaded
 * within milliseconds of any change, via LISTEN/NOTIFY), circuit breakers, session pins,
 * month-to-date spend, per-key rate limits (breakers, pins and rate limits shared through Redis with
 * REDIS_URL: lib/state), and the batched request-log writer. Kept on globalThis so the custom
 * server's fast path and Next.js's bundled route handlers share the same instance.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { loadGatewayConfig, type GatewayConfig } from "../config/load-gateway-config";
import { listenForConfigChanges } from "../db/config-listener";
import { readMonthSpend } from "../db/config-repo";
import { beatInstance, forgetInstance, pruneInstances } from "../db/instance-repo";
import type { RequestLogInsert } from "../db/request-log-repo";
import { maintainRequestLog } from "../db/request-log-partitions";
import { env } from "../env";
import { monthStart } from "../routing/check-budget";
import type { TierHealth } from "../routing/types";
import { DeploymentPool, type DeploymentState } from "../providers/index";
import { ShadowBudget } from "../lab/shadow/plan-shadow";
import { recordBreakerTransition, type BreakerTransition } from "./breaker-transitions";
import { BudgetTracker } from "./budget-tracker";
import { gatewayMetrics } from "../telemetry/gateway-metrics";
import { gatewayWarnings } from "./gateway-health";
import { GatewayError } from "./openai-errors";
import type { WriterStats } from "./request-log-writer";
import { LocalLogSink, ThreadLogSink, type RequestLogSink } from "./request-log-sink";
import { freshLoader } from "./fresh-loader";
import { requestSample } from "./request-sample";
import { stopTracing } from "../telemetry/tracing";
import { BreakerBoard } from "../state/breaker-board";
import { RedisPins } from "../state/redis-pins";
import { SessionPins } from "../state/session-pins";
import { SharedBudgets } from "../state/shared-budgets";
import { SharedDailyCaps } from "../state/shared-daily-caps";
import { SharedRateLimits } from "../state/shared-rate-limits";
import { SharedRedis, type RedisState } from "../state/shared-redis";

const BUDGET_REFRESH_MS = 5_000;
const HEARTBEAT_MS = 10_000;
const RETENTION_EVERY_MS = 60 * 60_000;

export class GatewayRuntime {
  config: GatewayConfig | null = null;
  /** This process in the instance heartbeat and in breaker messages between instances. */
  readonly instanceId = randomUUID();
  /** Shared hot state (REDIS_URL): rate limits, pins and breakers of every instance; null: all in process. */
  readonly redis = env().REDIS_URL ? new SharedRedis(env().REDIS_URL!, env().REDIS_KEY_PREFIX, env().REDIS_COMMAND_TIMEOUT_MS) : null;
  readonly breakers = new BreakerBoard(this.redis, this.instanceId);
  /** Each tier's deployments as this process sees them (in flight, cooling down, ejected): per instance, not shared. */
  readonly deployments = new DeploymentPool();
  readonly pins = new SessionPins(100_000, 30 * 60_000, this.redis ? new RedisPins(this.redis) : null);
  private readonly sharedBudgets = this.redis ? new SharedBudgets(this.redis, this.instanceId) : null;
  readonly budgets = new BudgetTracker(this.sharedBudgets);
  readonly rateLimits = new SharedRateLimits(this.redis);
  /** Shadow evaluation's spend today per policy (across instances with REDIS_URL, else per process). */
  readonly shadowBudget = new SharedDailyCaps(this.redis, "shadow", new ShadowBudget());
  private readonly background = new Set<Promise<unknown>>();
  /** Finished requests' rows on their way to Postgres: in a worker thread under `npm run gateway`, else in this one. */
  readonly requestLog: RequestLogSink = this.requestLogSink();
  /** Prometheus metrics (GET /metrics); null with METRICS_ENABLED=false. */
  readonly metrics = gatewayMetrics(env().METRICS_ENABLED);
  private listener: { close(): Promise<void> } | null = null;
  private timers: NodeJS.Timeout[] = [];
  private lastErrorLogAt = 0;

  constructor(private readonly logLine: (line: string) => void = (l) => console.log(`[frontdesk] ${l}`)) {
    this.breakers.onTransition((t) => {
      if (t.origin === "local") this.onBreakerTransition({ tier: t.tier, from: t.from, to: t.to, reason: t.reason, at: new Date(t.at) });
    });
  }

  private requestLogSink(): RequestLogSink {
    const options = {
      maxQueue: env().REQUEST_LOG_QUEUE_MAX,
      maxQueueBytes: env().REQUEST_LOG_QUEUE_MAX_BYTES,
      onError: (error: unknown, stats: WriterStats) => this.log(`request log write failed (${stats.queued} queued, will retry): ${(error as Error).message}`),
    };
    const file = env().REQUEST_LOG_THREAD ? env().FRONTDESK_REQUEST_LOG_THREAD_FILE : undefined;
    return file ? new ThreadLogSink(file, options, (line) => this.logLine(line)) : new LocalLogSink(options);
  }

  private log(line: string) {
    if (Date.now() - this.lastErrorLogAt < 5_000) return;
    this.lastErrorLogAt = Date.now();
    this.logLine(line);
  }

  /** Loads the config and starts the listener and background timers (idempotent). */
  async start(): Promise<GatewayConfig> {
    if (this.config) return this.config;
    const config = await this.reload();
    if (!this.listener) {
      const url = env().DATABASE_URL!;
      let pending: NodeJS.Timeout | null = null;
      this.listener = listenForConfigChanges(url, () => {
        if (pending) return;
        pending = setTimeout(() => {
          pending = null;
          this.reload().catch((e) => this.logLine(`config reload failed: ${(e as Error).message}`));
        }, 20);
      });
      this.every(BUDGET_REFRESH_MS, () => this.refreshBudgets());
      this.every(RETENTION_EVERY_MS, () => this.maintainLog(true));
      this.every(HEARTBEAT_MS, () => this.beat());
      void this.maintainLog(false);
      await Promise.all([this.refreshBudgets(), this.beat().catch(() => {})]);
    }
    return config;
  }

  /**
   * The config as it is now: a load started after this call (a change notified while a load ran
   * would otherwise be lost until the next change — a new API key refused for good).
   */
  reload(): Promise<GatewayConfig> {
    return this.loadConfig();
  }

  private readonly loadConfig = freshLoader(async () => {
    const config = await loadGatewayConfig();
    this.config = config;
    for (const w of config.warnings) this.logLine(`config: ${w}`);
    return config;
  });

  private every(ms: number, fn: () => Promise<unknown>) {
    const timer = setInterval(() => void fn().catch(() => {}), ms);
    timer.unref?.();
    this.timers.push(timer);
  }

  private async refreshBudgets() {
    const now = Date.now();
    this.budgets.refresh(await readMonthSpend(monthStart(now)), now);
  }

  private readonly startedAt = new Date();

  /** The instance heartbeat (health warns about several instances without Redis) and the warning in this log. */
  private async beat() {
    await beatInstance({ id: this.instanceId, host: hostname(), pid: process.pid, startedAt: this.startedAt, redis: this.redis !== null });
    const warning = (await gatewayWarnings(this)).join(" ");
    if (warning && warning !== this.lastWarning) this.logLine(warning);
    this.lastWarning = warning;
  }

  private lastWarning = "";

  /** Tomorrow's request-log partitions exist before tomorrow; with `retention`, days past it are dropped whole. */
  private async maintainLog(retention: boolean) {
    if (retention) await pruneInstances().catch(() => {});
    const days = env().REQUEST_LOG_RETENTION_DAYS;
    const result = await maintainRequestLog({ now: Date.now(), retentionDays: retention ? days : undefined }).catch((e: Error) => {
      this.logLine(`request-log maintenance failed: ${e.message}`);
      return null;
    });
    if (!result) return;
    const { created, skipped, dropped, strays } = result;
    if (created.length) this.logLine(`request log: created partitions ${created.join(", ")}`);
    if (skipped.length) this.logLine(`request log: ${skipped.join(", ")} not created (their rows are in RequestLog_default)`);
    if (dropped.length || strays) this.logLine(`retention (${days} days): dropped ${dropped.join(", ") || "no partitions"}, ${strays} rows of the default partition`);
  }

  private afterResponseTasks: Array<() => void> = [];

  /**
   * Runs `task` once the responses being written in this turn of the event loop are out
   * (setImmediate): log rows are built here, so a burst of answers is not held up by the
   * bookkeeping of the ones before it. Tasks run in order; a throwing task is logged, not fatal.
   */
  afterResponse(task: () => void): void {
    if (this.afterResponseTasks.push(task) === 1) setImmediate(this.runAfterResponse);
  }

  private readonly runAfterResponse = () => {
    const tasks = this.afterResponseTasks;
    this.afterResponseTasks = [];
    for (const task of tasks) {
      try {
        task();
      } catch (error) {
        this.log(`after-response task failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  /** A finished request: its numbers into the metrics, its row onto the batch writer (call in afterResponse). */
  logRequest(row: RequestLogInsert): void {
    this.metrics?.observeRequest(requestSample(row));
    this.requestLog.push(row);
  }


  health = (tier: string): TierHealth => this.breakers.health(tier);

  /** Every deployment's live state in this process (the console's tiers page). */
  deploymentStates(): DeploymentState[] {
    return this.deployments.snapshot(this.config?.targets.values() ?? []);
  }

  /** Called on every change of a breaker's status this instance caused (not those shared by
   *  others, which record their own); by default records it in Postgres (breaker-transitions). */
  onBreakerTransition: (t: BreakerTransition) => void = (t) => recordBreakerTransition(t, (line) => this.log(line));

  /** Asks the tier's breaker for permission to call; false while the circuit is open. */
  admit(tier: string): boolean {
    return this.breakers.admit(tier);
  }

  /** `admit` as a function made once, which every execution is given (not a closure per request). */
  readonly admitTier = (tier: string): boolean => this.admit(tier);

  reportOutcome(tier: string, ok: boolean) {
    this.breakers.report(tier, ok);
  }

  /** Before a capped key's request is decided: the key's spend and reservations as every instance sees them (REDIS_URL). */
  async syncBudget(keyId: string): Promise<void> {
    if (!this.sharedBudgets) return;
    const now = Date.now();
    const view = await this.sharedBudgets.read(keyId, now);
    if (view) this.budgets.setView(keyId, view, now);
  }

  /** Where the hot state lives: shared (REDIS_URL) and whether Redis answers now, or this process only. */
  sharedState(): RedisState {
    return this.redis?.state() ?? { shared: false, up: false, errors: 0 };
  }

  /** Work that outlives its response (shadow evaluation): errors are logged; stop() waits for it. */
  inBackground(task: () => Promise<unknown>): void {
    const done: Promise<unknown> = task()
      .catch((error) => this.log(`background task failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.background.delete(done));
    this.background.add(done);
  }

  /** Resolves when the background work started so far has finished. */
  async backgroundSettled(): Promise<void> {
    while (this.background.size) await Promise.all([...this.background]);
  }

  async stop(deadlineMs = 10_000) {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.listener?.close();
    if (this.listener) await forgetInstance(this.instanceId).catch(() => {});
    this.listener = null;
    this.runAfterResponse();
    const started = Date.now();
    await Promise.race([this.backgroundSettled(), new Promise((resolve) => setTimeout(resolve, deadlineMs / 2).unref())]);
    await this.pins.close();
    // the spans still queued are exported (bounded: an unreachable collector must not hold the stop up)
    await Promise.race([stopTracing(), new Promise((resolve) => setTimeout(resolve, deadlineMs / 4).unref())]);
    await this.sharedBudgets?.release(this.budgets.reservedKeys(), Date.now());
    await this.redis?.close();
    return this.requestLog.close(Math.max(0, deadlineMs - (Date.now() - started)));
  }
}

const holder = globalThis as typeof globalThis & { __frontdeskGateway?: GatewayRuntime };

export function gatewayRuntime(): GatewayRuntime {
  holder.__frontdeskGateway ??= new GatewayRuntime();
  return holder.__frontdeskGateway;
}

/** An error answered before any upstream call (no log row), counted in the metrics; returns the response. */
export function refused<R extends { status: number }>(api: string, response: R): R {
  gatewayRuntime().metrics?.observeRefused(api, response.status);
  return response;
}

/** The runtime with its config loaded (started on first use); 503 gateway_unavailable when it cannot load. */
export async function loadedRuntime(): Promise<{ runtime: GatewayRuntime; config: GatewayConfig }> {
  const runtime = gatewayRuntime();
  try {
    return { runtime, config: runtime.config ?? (await runtime.start()) };
  } catch {
    throw new GatewayError(503, "The gateway cannot load its configuration (database unreachable?). Retry shortly.", "gateway_unavailable");
  }
}
