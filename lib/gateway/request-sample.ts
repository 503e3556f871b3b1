/**
 * A request-log row as the metrics read it (lib/telemetry/gateway-metrics): the one place the
 * gateway's numbers per request are known — policy, tier, stage, API, status, latencies, and
 * every attempt's tokens and cost — whichever inbound API or driver served it.
 */
import type { RequestLogInsert } from "../db/request-log-repo";
import type { AttemptSample, RequestSample } from "../telemetry/gateway-metrics";

/** Label value for requests no policy routed (embeddings, by tier name). */
export const NO_POLICY = "none";

export function requestSample(row: RequestLogInsert): RequestSample {
  const latency = row.latency as { attempts?: AttemptSample[] } | null | undefined;
  return {
    api: row.api ?? "chat",
    policy: row.policyName ?? NO_POLICY,
    tier: row.tierName ?? "none",
    stage: row.stage,
    ok: row.status === "ok",
    httpStatus: row.httpStatus ?? 200,
    overheadMs: row.overheadMs ?? 0,
    escalated: row.escalated ?? false,
    escalationWaitMs: row.escalationWaitMs ?? 0,
    attempts: latency?.attempts ?? [],
  };
}
