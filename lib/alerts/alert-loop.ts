/**
 * The worker's alert loops: evaluate every ALERTS_EVALUATE_MS, deliver every ALERTS_DELIVER_MS
 * (and right after an evaluation that fired or resolved something). Each loop waits for its
 * round to finish before scheduling the next, so a slow database never stacks rounds up. Every
 * hour, deliveries, resolved episodes and breaker transitions older than
 * REQUEST_LOG_RETENTION_DAYS are deleted.
 */
import { pruneAlertRows } from "../db/alert-episode-repo";
import { env } from "../env";
import { deliverDue } from "./deliver-alerts";
import { evaluateAlerts } from "./evaluate-alerts";

type Log = (line: string) => void;

const PRUNE_EVERY_MS = 60 * 60_000;

export function startAlertLoops(log: Log): { stop(): Promise<void> } {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  const loop = (everyMs: number, round: () => Promise<unknown>) => {
    const tick = () => {
      if (stopped) return;
      const p = round().finally(() => {
        running.delete(p);
        if (stopped) return;
        const t = setTimeout(() => (timers.delete(t), tick()), everyMs);
        timers.add(t);
      });
      running.add(p);
    };
    tick();
  };
  const deliver = () => deliverDue().catch((e: Error) => log(`alert delivery failed: ${e.message}`));
  loop(env().ALERTS_EVALUATE_MS, async () => {
    try {
      const result = await evaluateAlerts();
      if (!result) return;
      for (const s of result.failedSources) log(`alert source failed: ${s}`);
      for (const key of result.fired) log(`alert fired: ${key}`);
      for (const key of result.resolved) log(`alert resolved: ${key}`);
      if (result.fired.length || result.resolved.length) await deliver();
    } catch (e) {
      log(`alert evaluation failed: ${(e as Error).message}`);
    }
  });
  loop(env().ALERTS_DELIVER_MS, deliver);
  loop(PRUNE_EVERY_MS, async () => {
    const n = await pruneAlertRows(new Date(Date.now() - env().REQUEST_LOG_RETENTION_DAYS * 86_400_000)).catch((e: Error) => (log(`pruning alert rows failed: ${e.message}`), 0));
    if (n) log(`retention: deleted ${n} old alert deliveries, episodes and breaker transitions`);
  });
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.allSettled([...running]);
    },
  };
}
