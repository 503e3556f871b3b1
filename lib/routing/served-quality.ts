/**
 * The quality the router expects of an answer from the tier that gave it: P(that tier was
 * capable enough) = 1 − q_k from the calibrated classifier's scores (the top tier: 1). Null when
 * no classifier scored the request (rules, pins, bypass): the ledger then says how many requests
 * its quality estimate rests on.
 */
import { notEnoughProbabilities } from "./choose-tier";
import type { Scores } from "./types";

export function servedQuality(scores: Pick<Scores, "p"> | null | undefined, policyTiers: readonly string[], tier: string): number | null {
  if (!scores) return null;
  const k = policyTiers.indexOf(tier);
  if (k < 0) return null;
  return 1 - notEnoughProbabilities(scores.p, policyTiers.length)[k]!;
}

/** For an explored decision: the tier the policy itself would have chosen (its largest propensity). */
export function policyChoice(propensities: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < propensities.length; k++) if (propensities[k]! > propensities[best]!) best = k;
  return best;
}
