/** The text report of `frontdesk intent eval`. */
import type { IntentMetrics } from "../classifier/intent/evaluate-intent";

export type IntentEvalOutput = IntentMetrics & { model: string; data: string; threshold: number; microsPerPrediction: number };

const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(1)}%`);

export function formatIntentMetrics(o: IntentEvalOutput): string {
  const lines = [
    `model ${o.model} on ${o.data} (test split): ${o.examples} examples, ${o.inScope} in scope, ${o.outOfScope} out of scope; threshold ${o.threshold}`,
    `accuracy           ${pct(o.accuracy)}`,
    `in-scope accuracy  ${pct(o.inScopeAccuracy)}`,
    `macro-F1           ${pct(o.macroF1)}`,
  ];
  if (o.outOfScope > 0) lines.push(`oos recall         ${pct(o.oosRecall)}`, `oos precision      ${pct(o.oosPrecision)}`);
  lines.push(`${o.microsPerPrediction} µs per prediction`);
  return lines.join("\n") + "\n";
}
