/**
 * `npm run gateway`: a gateway-only instance (the /api/v1 routes, no console) for scaling out
 * behind a load balancer. Needs DATABASE_URL (the database the console instance uses); config
 * changes reach it through Postgres LISTEN/NOTIFY. Migrations are the console instance's job.
 * Health for the load balancer: GET /api/health/live and /api/health/ready (/api/health = ready).
 * GATEWAY_WORKERS=<n|auto>: n processes on the one port (node:cluster, lib/server/gateway-cluster).
 */
import cluster from "node:cluster";
import type { AddressInfo } from "node:net";
import { env } from "../lib/env";
import { gatewayRuntime } from "../lib/gateway/gateway-runtime";
import { createHttpServer } from "../lib/server/create-http-server";
import { serveFastPath } from "../lib/server/fast-path";
import { metricsSources } from "../lib/server/metrics-sources";
import { joinClusterMetrics, runClusterPrimary, workerCount } from "../lib/server/gateway-cluster";
import { tuneGcForLatency } from "../lib/server/gc-tuning";

const log = (line: string) => console.log(`[frontdesk-gateway] ${line}`);

async function main() {
  const config = env();
  if (!config.DATABASE_URL) throw new Error("DATABASE_URL is required for a gateway-only instance.");
  const workers = workerCount(config.GATEWAY_WORKERS);
  if (workers > 1 && cluster.isPrimary) return runClusterPrimary(workers, log);
  const inCluster = cluster.isWorker;
  tuneGcForLatency(config.GATEWAY_HEAP_GROWTH_PERCENT);
  const runtime = gatewayRuntime();
  if (inCluster && runtime.metrics) {
    runtime.metrics.setSources(metricsSources()); // set now: the primary may collect before this worker's first scrape
    joinClusterMetrics(runtime.metrics.registry);
  }
  await runtime.start();
  const server = createHttpServer((req, res) => {
    if (req.url === "/api/health") req.url = "/api/health/ready"; // no console here: its health is the readiness check
    serveFastPath(req, res).catch((error) => {
      console.error("[frontdesk-gateway] request failed:", error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const port = (server.address() as AddressInfo).port;
  // a worker's line must not look like the primary's "ready on port": that one means all workers are up
  log(inCluster ? `worker ${process.pid} listening on port ${port}` : `ready on port ${port}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return; // a worker gets the terminal's SIGINT and the primary's SIGTERM
    stopping = true;
    log(`${inCluster ? `worker ${process.pid}: ` : ""}${signal}: draining`);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    const stats = await runtime.stop();
    log(`${inCluster ? `worker ${process.pid}: ` : ""}request log flushed: ${stats.written} written, ${stats.dropped} dropped`);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  console.error(`[frontdesk-gateway] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
