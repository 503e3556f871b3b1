/**
 * A breaker's change of status, written to Postgres (BreakerTransition) without holding up the
 * request that caused it: transitions are rare (a handful per incident), so one small insert
 * each is cheap. The worker's alert evaluation reads them for every instance at once, and the
 * upstream-health page shows them as the breaker's history. A failed insert is logged, not retried.
 */
import { hostname } from "node:os";
import { insertBreakerTransition, type BreakerStatus } from "../db/breaker-repo";

export type BreakerTransition = { tier: string; from: BreakerStatus; to: BreakerStatus; reason: string; at: Date };

/** This process among gateway instances: host and pid. */
export const INSTANCE = `${hostname()}:${process.pid}`;

export function recordBreakerTransition(t: BreakerTransition, log: (line: string) => void): void {
  insertBreakerTransition({ ...t, instance: INSTANCE }).catch((e: Error) => log(`breaker transition not recorded (${t.tier} ${t.from} → ${t.to}): ${e.message}`));
}
