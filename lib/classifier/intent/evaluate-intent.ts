/**
 * Intent metrics. A prediction counts as "out of scope" when the model says so (its oos class
 * won or p fell below the threshold); `oosLabel` names the true out-of-scope examples.
 * - inScopeAccuracy: in-scope examples predicted with their intent and not flagged;
 * - accuracy: all examples, an out-of-scope example being right when flagged;
 * - macroF1: mean F1 over the true labels (the oos label included when present);
 * - oosRecall / oosPrecision: flagged among out-of-scope examples / out-of-scope among flagged.
 */
import type { IntentExample, IntentPrediction } from "./types";

export type IntentMetrics = {
  examples: number;
  inScope: number;
  outOfScope: number;
  accuracy: number;
  inScopeAccuracy: number;
  macroF1: number;
  /** null when the data has no out-of-scope examples */
  oosRecall: number | null;
  /** null when nothing was flagged */
  oosPrecision: number | null;
};

export const OOS = "oos";

export function evaluateIntents(examples: readonly IntentExample[], predictions: readonly IntentPrediction[], oosLabel: string = OOS): IntentMetrics {
  if (examples.length !== predictions.length) throw new RangeError("one prediction per example");
  const tp = new Map<string, number>();
  const predicted = new Map<string, number>();
  const actual = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let inScope = 0;
  let inScopeRight = 0;
  let oos = 0;
  let oosFlagged = 0;
  let flagged = 0;
  examples.forEach((ex, i) => {
    const pred = predictions[i];
    const label = pred.outOfScope ? oosLabel : pred.intent;
    bump(actual, ex.intent);
    bump(predicted, label);
    if (label === ex.intent) bump(tp, label);
    if (pred.outOfScope) flagged++;
    if (ex.intent === oosLabel) {
      oos++;
      if (pred.outOfScope) oosFlagged++;
    } else {
      inScope++;
      if (label === ex.intent) inScopeRight++;
    }
  });
  let f1Sum = 0;
  for (const [label, n] of actual) {
    const t = tp.get(label) ?? 0;
    const denom = n + (predicted.get(label) ?? 0);
    f1Sum += denom > 0 ? (2 * t) / denom : 0;
  }
  const right = [...tp.values()].reduce((a, b) => a + b, 0);
  return {
    examples: examples.length,
    inScope,
    outOfScope: oos,
    accuracy: examples.length ? right / examples.length : 0,
    inScopeAccuracy: inScope ? inScopeRight / inScope : 0,
    macroF1: actual.size ? f1Sum / actual.size : 0,
    oosRecall: oos ? oosFlagged / oos : null,
    oosPrecision: flagged ? oosFlagged / flagged : null,
  };
}
