/**
 * The out-of-scope threshold: a prediction whose max probability is below it is flagged out of
 * scope. Picked on validation data by one rule: maximize the macro-F1 over the true labels,
 * the out-of-scope label counting as one class (evaluate-intent.ts), over
 * t = 0.00, 0.01, ..., 0.99; ties go to the smallest t. Flagging more raises out-of-scope
 * recall and costs every intent some recall, and macro-F1 weighs the two the way a per-class
 * report does. (Maximizing in-scope accuracy + oos recall instead over-flags on CLINC150,
 * whose validation split has 30 in-scope examples per out-of-scope one: t = 0.38, in-scope
 * accuracy 78%.) Without out-of-scope examples there is nothing to trade: t = 0.
 */
import { evaluateIntents } from "./evaluate-intent";
import type { IntentExample, IntentPrediction } from "./types";

/** A prediction before thresholding: `outOfScope` says whether the oos class itself won. */
export type RawPrediction = IntentPrediction;

export function thresholdObjective(examples: readonly IntentExample[], raw: readonly RawPrediction[], oosLabel: string, t: number): number {
  const flagged = raw.map((r) => ({ ...r, outOfScope: r.outOfScope || r.p < t }));
  return evaluateIntents(examples, flagged, oosLabel).macroF1;
}

export function pickThreshold(examples: readonly IntentExample[], raw: readonly RawPrediction[], oosLabel: string): { threshold: number; objective: number } {
  if (!examples.some((e) => e.intent === oosLabel)) return { threshold: 0, objective: thresholdObjective(examples, raw, oosLabel, 0) };
  let best = { threshold: 0, objective: -Infinity };
  for (let i = 0; i < 100; i++) {
    const t = i / 100;
    const objective = thresholdObjective(examples, raw, oosLabel, t);
    if (objective > best.objective + 1e-12) best = { threshold: t, objective };
  }
  return best;
}
