/**
 * Deletes the auth rows that no longer mean anything: sessions past their idle expiry or their
 * absolute lifetime (such a session is refused anyway; this keeps the table small), and sign-in
 * counters whose longest window (15 minutes) is over. The worker runs it every hour; sign-in runs
 * it in the background at most every 10 minutes per process, so a deployment without a worker
 * prunes too.
 */
import { deleteExpiredSessions } from "../db/session-repo";
import { pruneThrottles } from "../db/throttle-repo";
import { sessionMaxAgeMs } from "./session-cookie";
import { ACCOUNT_LIMIT } from "./sign-in-limits";

export const PRUNE_EVERY_MS = { worker: 60 * 60_000, signIn: 10 * 60_000 };

export async function pruneAuthRows(now = Date.now()): Promise<{ sessions: number; throttles: number }> {
  const sessions = await deleteExpiredSessions(new Date(now - sessionMaxAgeMs()));
  const throttles = await pruneThrottles(new Date(now - ACCOUNT_LIMIT.windowMs));
  return { sessions, throttles };
}

let lastRun = 0;

/** Starts a prune unless one started in this process within PRUNE_EVERY_MS.signIn; never waits for it. */
export function pruneAuthRowsNowAndThen(): void {
  if (Date.now() - lastRun < PRUNE_EVERY_MS.signIn) return;
  lastRun = Date.now();
  void pruneAuthRows().catch((error) => console.error("[frontdesk] pruning sessions and sign-in counters failed:", error));
}
