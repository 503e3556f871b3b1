/**
 * `npm run worker`: a job worker on its own (scale-out; `npm start` already runs one). Needs
 * DATABASE_URL. SIGINT/SIGTERM: finish or hand back the current job, then exit.
 * WORKER_HEALTH_PORT set: GET /api/health/live (200 while the process runs) and /api/health/ready
 * (200 once the worker started and Postgres answers, else 503) on that port, for orchestrators.
 */
import type { Server } from "node:http";
import { pingDatabase } from "../lib/db/health-repo";
import { env } from "../lib/env";
import { startWorker } from "../lib/jobs/worker";
import { createHttpServer } from "../lib/server/create-http-server";

function startHealthListener(port: number, host: string): Promise<Server> {
  const server = createHttpServer((req, res) => {
    const reply = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
    if (req.url === "/api/health/live") return reply(200, { status: "ok" });
    if (req.url !== "/api/health/ready" && req.url !== "/api/health") return reply(404, { error: "not found" });
    void pingDatabase(1_000).then((isDbUp) => reply(isDbUp ? 200 : 503, { ready: isDbUp, status: isDbUp ? "ok" : "degraded", db: isDbUp ? "ok" : "down" }));
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

async function main() {
  if (!env().DATABASE_URL) throw new Error("DATABASE_URL is required for a stand-alone worker.");
  const worker = await startWorker();
  const healthPort = env().WORKER_HEALTH_PORT;
  const health = healthPort === undefined ? null : await startHealthListener(healthPort, env().HOST);
  console.log(`[frontdesk-worker] ready${health ? ` (health on port ${(health.address() as { port: number }).port})` : ""}`);
  const stop = async () => {
    health?.close();
    await worker.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error(`[frontdesk-worker] could not start: ${(error as Error).message}`);
  process.exit(1);
});
