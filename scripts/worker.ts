/**
 * `npm run worker`: a job worker on its own (scale-out; `npm start` already runs one). Needs
 * DATABASE_URL. SIGINT/SIGTERM: finish or hand back the current job, then exit.
 */
import { env } from "../lib/env";
import { startWorker } from "../lib/jobs/worker";

async function main() {
  if (!env().DATABASE_URL) throw new Error("DATABASE_URL is required for a stand-alone worker.");
  const worker = await startWorker();
  console.log("[frontdesk-worker] ready");
  const stop = async () => {
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
