/**
 * Health of a gateway process for load balancers and operators. Live: the process answers.
 * Ready: its config snapshot is loaded — a Postgres outage after that is ridden out (the snapshot
 * serves, the request log queues), so it does not make the instance unready; it is reported. The
 * shared state (Redis) is reported the same way: down means per-instance limits, never refusals.
 */
import { pingDatabase } from "../db/health-repo";
import { recentInstances } from "../db/instance-repo";
import type { RedisState } from "../state/shared-redis";
import type { GatewayResponse } from "./gateway-io";
import type { GatewayRuntime } from "./gateway-runtime";
import type { RequestLogSink } from "./request-log-sink";

/** Instances seen in the heartbeat within this long count as running. */
export const INSTANCE_SEEN_MS = 30_000;
const DB_PING_TIMEOUT_MS = 1_000;

/** `pid`: the process that answered (with GATEWAY_WORKERS, which worker); `requestLog`: where its log is written
 *  (a worker thread under `npm run gateway`, else the main thread) and its rows waiting or dropped. */
export type Readiness = {
  ready: boolean;
  status: "ok" | "degraded";
  config: "loaded" | "not-loaded";
  db: "ok" | "down";
  redis: RedisState;
  pid: number;
  requestLog?: { writer: RequestLogSink["writtenBy"]; queued: number; dropped: number };
};

type HealthRuntime = Pick<GatewayRuntime, "config" | "sharedState"> & { requestLog?: RequestLogSink };

export async function checkReadiness(runtime: HealthRuntime): Promise<Readiness> {
  const isDbUp = await pingDatabase(DB_PING_TIMEOUT_MS);
  const redis = runtime.sharedState();
  const ready = runtime.config !== null;
  const isDegraded = !ready || !isDbUp || (redis.shared && !redis.up);
  const log = runtime.requestLog;
  const stats = log?.stats();
  const requestLog = log && stats && { writer: log.writtenBy, queued: stats.queued, dropped: stats.dropped };
  return { ready, status: isDegraded ? "degraded" : "ok", config: ready ? "loaded" : "not-loaded", db: isDbUp ? "ok" : "down", redis, pid: process.pid, ...(requestLog ? { requestLog } : {}) };
}

/** What an operator should know about running several instances: none without Redis, a Redis that is down. */
export async function gatewayWarnings(runtime: Pick<GatewayRuntime, "sharedState">): Promise<string[]> {
  const redis = runtime.sharedState();
  const warnings: string[] = [];
  if (redis.shared && !redis.up) warnings.push("Redis (REDIS_URL) is unreachable: rate limits, pins, circuit breakers and budget reservations are per instance until it returns.");
  if (!redis.shared) {
    const { total } = await recentInstances(INSTANCE_SEEN_MS);
    if (total > 1) warnings.push(`${total} gateway instances are running without REDIS_URL: each keeps its own rate limits, pins and circuit breakers (a key limited to N a minute gets up to ${total}×N). Set REDIS_URL on every instance.`);
  }
  return warnings;
}

const json = (status: number, body: unknown): GatewayResponse => ({ status, headers: { "content-type": "application/json", "cache-control": "no-store" }, body: JSON.stringify(body) });

/** GET /api/health/live: 200 while the process serves HTTP. */
export function liveResponse(): GatewayResponse {
  return json(200, { status: "ok" });
}

/** GET /api/health/ready: 200 when the instance can serve gateway requests, else 503; the checks either way. */
export async function readyResponse(runtime: HealthRuntime): Promise<GatewayResponse> {
  const readiness = await checkReadiness(runtime);
  return json(readiness.ready ? 200 : 503, readiness);
}
