/**
 * The job queue: pg-boss on the application's Postgres (its own schema "pgboss"; no extra
 * service). Our Job table is the record people see (status, phase, progress, result); pg-boss
 * carries delivery, retries and survival across restarts. A Job row's id is its pg-boss job id.
 */
import PgBoss from "pg-boss";
import { env } from "../env";

export const QUEUES = { retrain: "retrain-classifier", lab: "lab-run" } as const;

const RETRY = { retryLimit: 3, retryDelay: 5, retryBackoff: true };
/** pg-boss's own backstop; lost workers are normally noticed within a minute by the heartbeat sweep. */
const EXPIRE_SECONDS = 60 * 60;

const holder = globalThis as typeof globalThis & { __frontdeskBoss?: Promise<PgBoss> };

/** A started pg-boss for sending and managing jobs (no maintenance: workers do that). */
export function queueClient(): Promise<PgBoss> {
  holder.__frontdeskBoss ??= (async () => {
    const boss = new PgBoss({ connectionString: env().DATABASE_URL!, schema: "pgboss", max: 2, supervise: false, schedule: false });
    boss.on("error", (error) => console.error("[frontdesk] job queue:", error.message));
    await boss.start();
    await ensureQueues(boss);
    return boss;
  })().catch((error) => {
    holder.__frontdeskBoss = undefined;
    throw error;
  });
  return holder.__frontdeskBoss;
}

export async function ensureQueues(boss: PgBoss) {
  for (const name of Object.values(QUEUES)) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, policy: "standard", ...RETRY, expireInSeconds: EXPIRE_SECONDS });
  }
}

export async function enqueue(queue: string, jobId: string, data: object) {
  const boss = await queueClient();
  await boss.send(queue, data, { id: jobId, ...RETRY, expireInSeconds: EXPIRE_SECONDS });
}

export async function stopQueueClient() {
  const boss = await holder.__frontdeskBoss?.catch(() => undefined);
  holder.__frontdeskBoss = undefined;
  await boss?.stop({ graceful: false, wait: true }).catch(() => {});
}
