/**
 * Hedging: when the deciding probability (P(the chosen tier is not enough)) falls inside the
 * policy's uncertain band, the gateway starts the next tier after `delayMs` unless the small
 * answer is already in. resolveHedge() then says, at each arrival, which answer to use and which
 * upstream call to abort: the small answer if it is confident, else the large one.
 */
import type { PolicyConfig } from "./config-schema";
import type { Assessment } from "./assess-answer";

export type HedgePlan = { tier: string; delayMs: number };

export function planHedge(policy: PolicyConfig, decidingProbability: number | null, nextTier: string | null): HedgePlan | null {
  const { enabled, band, delayMs } = policy.hedging;
  if (!enabled || nextTier === null || decidingProbability === null) return null;
  const [lo, hi] = band;
  return decidingProbability >= lo && decidingProbability <= hi ? { tier: nextTier, delayMs } : null;
}

/** Start the hedge once the delay has passed and the small tier has not answered yet. */
export function shouldStartHedge(plan: HedgePlan | null, startedAt: number, now: number, small: HedgeLeg): boolean {
  return plan !== null && small.arrivedAt === undefined && !small.failed && now - startedAt >= plan.delayMs;
}

/** One side of a hedge. `started` is false for the large leg until the hedge has been started. */
export type HedgeLeg = { started?: boolean; arrivedAt?: number; failed?: boolean; assessment?: Assessment };

export type HedgeResolution = {
  use: "small" | "large" | "wait" | "fail";
  /** The leg whose upstream call should be aborted now, if any. */
  abort: "small" | "large" | null;
  /** The small answer is unusable and the large leg has not started: start it now, no more delay. */
  startLarge: boolean;
  reason: string;
};

export function resolveHedge(small: HedgeLeg, large: HedgeLeg, minConfidence: number): HedgeResolution {
  const smallDone = small.arrivedAt !== undefined && !small.failed;
  const largeDone = large.arrivedAt !== undefined && !large.failed;
  const largePending = large.started === true && !largeDone && !large.failed;
  const smallPending = !smallDone && !small.failed;
  const confidence = small.assessment?.confidence ?? 0;
  if (smallDone && confidence >= minConfidence) {
    return result("small", largePending ? "large" : null, false, `small answer confident (${confidence.toFixed(2)} ≥ ${minConfidence})`);
  }
  if (largeDone) {
    return result("large", smallPending ? "small" : null, false, smallDone ? `small answer not confident (${confidence.toFixed(2)} < ${minConfidence})` : "large answer arrived first");
  }
  if (smallPending) return result("wait", null, false, "waiting for the small answer");
  if (largePending) return result("wait", null, false, "small answer unusable; waiting for the large one");
  if (!large.started && !large.failed) return result("wait", null, true, "small answer unusable; start the large tier now");
  if (smallDone) return result("small", null, false, "large tier failed; keeping the unconfident small answer");
  return result("fail", null, false, "both tiers failed");
}

function result(use: HedgeResolution["use"], abort: HedgeResolution["abort"], startLarge: boolean, reason: string): HedgeResolution {
  return { use, abort, startLarge, reason };
}
