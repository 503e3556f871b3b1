/**
 * Hedging: when the deciding probability (P(the chosen tier is not enough)) falls inside the
 * policy's uncertain band, the next tier is started after `delayMs` unless the small answer is
 * already in. Running the two legs (which answer wins, which call is aborted) is the execution
 * machine's (execution/execution.ts).
 */
import type { PolicyConfig } from "./config-schema";

export type HedgePlan = { tier: string; delayMs: number };

export function planHedge(policy: PolicyConfig, decidingProbability: number | null, nextTier: string | null): HedgePlan | null {
  const { enabled, band, delayMs } = policy.hedging;
  if (!enabled || nextTier === null || decidingProbability === null) return null;
  const [lo, hi] = band;
  return decidingProbability >= lo && decidingProbability <= hi ? { tier: nextTier, delayMs } : null;
}
