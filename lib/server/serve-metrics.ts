/**
 * GET /metrics: the process's Prometheus metrics as text, on the fast path of both entry points
 * (`npm start`, `npm run gateway`). With METRICS_TOKEN set a scrape must send
 * `Authorization: Bearer <token>` (compared in constant time), else 401 with WWW-Authenticate.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "../env";
import type { GatewayRequest, GatewayResponse } from "../gateway/gateway-io";
import { gatewayRuntime } from "../gateway/gateway-runtime";
import { clusterMetrics } from "./gateway-cluster";
import { metricsSources } from "./metrics-sources";

export const METRICS_PATH = "/metrics";

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Whether an Authorization header carries `token` as a Bearer token; constant time in the header's content. */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const m = /^Bearer +(\S+) *$/i.exec(authorization ?? "");
  // compared as digests: equal lengths whatever was sent, so the length of the token does not leak either
  return timingSafeEqual(digest(m?.[1] ?? ""), digest(token)) && m !== null;
}

export async function handleMetrics(req: GatewayRequest): Promise<GatewayResponse> {
  const metrics = gatewayRuntime().metrics;
  if (!metrics) return { status: 404, headers: { "content-type": "text/plain; charset=utf-8" }, body: "Metrics are turned off (METRICS_ENABLED=false).\n" };
  const token = env().METRICS_TOKEN;
  if (token && !bearerMatches(req.header("authorization"), token)) {
    return {
      status: 401,
      headers: { "content-type": "text/plain; charset=utf-8", "www-authenticate": 'Bearer realm="frontdesk metrics"' },
      body: "A valid bearer token is required (METRICS_TOKEN).\n",
    };
  }
  if (!metrics.hasSources()) metrics.setSources(metricsSources());
  // with GATEWAY_WORKERS, every worker's numbers (summed by the primary), not only this one's
  const body = (await clusterMetrics()) ?? (await metrics.metrics());
  return { status: 200, headers: { "content-type": metrics.contentType, "cache-control": "no-store" }, body };
}
