/**
 * The job worker: started by `npm start` in-process and runnable alone (`npm run worker`) for
 * scale-out. It takes jobs from pg-boss, keeps our Job row current (phase, progress, heartbeat),
 * notices cancellation within a couple of seconds, and sweeps jobs whose worker died (no heartbeat
 * for JOB_HEARTBEAT_TIMEOUT_MS): pg-boss then retries them on a live worker. It also prunes
 * expired sessions and stale sign-in counters, at start and every hour (lib/auth/prune-auth-rows),
 * and runs the alert loops (lib/alerts/alert-loop: evaluate conditions, deliver messages).
 */
import PgBoss from "pg-boss";
import { startAlertLoops } from "../alerts/alert-loop";
import { PRUNE_EVERY_MS, pruneAuthRows } from "../auth/prune-auth-rows";
import { finishJob, findJob, findStaleJobs, markJobRunning, reportJobProgress } from "../db/job-repo";
import { env } from "../env";
import { ensureQueues, QUEUES } from "./queue";
import { runLabJob } from "./lab/lab-job";
import { PermanentJobError, runRetrainJob, type JobControl } from "./retrain/retrain-job";

/** What each queue's jobs run; the result is stored on the Job row. */
const RUNNERS: Record<string, (jobId: string, control: JobControl) => Promise<unknown>> = {
  [QUEUES.retrain]: runRetrainJob,
  [QUEUES.lab]: runLabJob,
};

type Log = (line: string) => void;

function throttle(fn: (phase: string, fraction: number) => void, ms: number) {
  let last = 0;
  return (phase: string, fraction: number) => {
    const now = Date.now();
    if (now - last >= ms || fraction >= 1) {
      last = now;
      fn(phase, fraction);
    }
  };
}

async function handle(queue: string, job: PgBoss.JobWithMetadata<{ jobId: string }>, log: Log) {
  const jobId = job.id;
  if (!(await markJobRunning(jobId))) return; // cancelled before it started
  const controller = new AbortController();
  let phase = "starting";
  let fraction = 0;
  const beat = async () => {
    const alive = await reportJobProgress(jobId, phase, fraction).catch(() => true);
    if (!alive && !controller.signal.aborted) controller.abort();
  };
  const heartbeat = setInterval(() => void beat(), Math.min(10_000, env().JOB_HEARTBEAT_TIMEOUT_MS / 4));
  const report = throttle((p, f) => {
    phase = p;
    fraction = f;
    void beat();
  }, 500);
  try {
    const result = await RUNNERS[queue]!(jobId, { signal: controller.signal, progress: report });
    await finishJob(jobId, { status: "succeeded", result, phase: "done" });
    log(`job ${jobId} (${queue}) succeeded`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (controller.signal.aborted) {
      await finishJob(jobId, { status: "cancelled", phase: "cancelled" });
      log(`job ${jobId} cancelled`);
      return;
    }
    const final = error instanceof PermanentJobError || job.retryCount >= job.retryLimit;
    await finishJob(jobId, final ? { status: "failed", error: message, phase: "failed" } : { status: "queued", error: `attempt ${job.retryCount + 1} failed: ${message}; retrying`, phase: "waiting to retry" });
    log(`job ${jobId} ${final ? "failed" : "will be retried"}: ${message}`);
    if (!final) throw error; // pg-boss retries it
  } finally {
    clearInterval(heartbeat);
  }
}

async function pruneAuth(log: Log) {
  const { sessions, throttles } = await pruneAuthRows();
  if (sessions || throttles) log(`pruned ${sessions} expired session(s) and ${throttles} stale sign-in counter(s)`);
}

/** Jobs whose worker stopped beating: hand them back to pg-boss for a retry elsewhere. */
async function sweep(boss: PgBoss, log: Log) {
  const stale = await findStaleJobs(new Date(Date.now() - env().JOB_HEARTBEAT_TIMEOUT_MS));
  for (const job of stale) {
    const current = await boss.getJobById(job.type, job.id);
    if (current?.state !== "active") continue;
    await finishJob(job.id, { status: "queued", error: "the worker running this job stopped responding; retrying", phase: "waiting to retry" });
    await boss.fail(job.type, job.id, { reason: "worker lost" });
    log(`job ${job.id}: worker lost, handed back for a retry`);
  }
}

export async function startWorker(log: Log = (l) => console.log(`[frontdesk-worker] ${l}`)): Promise<{ stop(): Promise<void> }> {
  const boss = new PgBoss({ connectionString: env().DATABASE_URL!, schema: "pgboss", max: 4, supervise: true, schedule: false });
  boss.on("error", (error) => log(`queue error: ${error.message}`));
  await boss.start();
  await ensureQueues(boss);
  for (const queue of Object.keys(RUNNERS)) {
    await boss.work<{ jobId: string }>(queue, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]) => handle(queue, job!, log));
  }
  const sweeper = setInterval(() => void sweep(boss, log).catch((e) => log(`sweep failed: ${(e as Error).message}`)), Math.max(1000, env().JOB_HEARTBEAT_TIMEOUT_MS / 4));
  sweeper.unref();
  const prune = () => void pruneAuth(log).catch((e) => log(`pruning sessions failed: ${(e as Error).message}`));
  prune();
  const pruner = setInterval(prune, PRUNE_EVERY_MS.worker);
  pruner.unref();
  const alerts = startAlertLoops(log);
  return {
    async stop() {
      clearInterval(sweeper);
      clearInterval(pruner);
      await alerts.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => {});
    },
  };
}

export { findJob };
