/**
 * Routing labels: per row and ordered tier set (cheapest first), the cheapest tier whose score
 * is within epsilon of the best tier's score. Rows missing a tier's outcome are skipped and
 * reported.
 */
import type { OutcomeRow } from "./parse-outcomes";

export type LabeledRow = {
  row: OutcomeRow;
  /** index of the cheapest good-enough tier (0 = cheapest) */
  label: number;
  /** score per tier, in tier order */
  scores: number[];
  /** cost_usd per tier where the data has it, else NaN */
  costs: number[];
};

export type SkippedRow = { id: string; line: number; reason: string };

export type DerivedLabels = { labeled: LabeledRow[]; skipped: SkippedRow[] };

/** The cheapest tier index whose score is >= max(scores) - epsilon. */
export function labelFromScores(scores: readonly number[], epsilon = 0): number {
  let best = -Infinity;
  for (const s of scores) if (s > best) best = s;
  const bar = best - epsilon;
  for (let k = 0; k < scores.length; k++) if (scores[k] >= bar - 1e-12) return k;
  return scores.length - 1;
}

export function deriveLabels(rows: readonly OutcomeRow[], tiers: readonly string[], epsilon = 0): DerivedLabels {
  if (tiers.length < 2) throw new RangeError("a tier set needs at least two tiers");
  if (!(epsilon >= 0)) throw new RangeError("epsilon must be >= 0");
  const labeled: LabeledRow[] = [];
  const skipped: SkippedRow[] = [];
  for (const row of rows) {
    const missing = tiers.filter((t) => row.outcomes[t] === undefined);
    if (missing.length > 0) {
      skipped.push({ id: row.id, line: row.line, reason: `no outcome for ${missing.join(", ")}` });
      continue;
    }
    const scores = tiers.map((t) => row.outcomes[t].score);
    const costs = tiers.map((t) => row.outcomes[t].cost_usd ?? Number.NaN);
    labeled.push({ row, label: labelFromScores(scores, epsilon), scores, costs });
  }
  return { labeled, skipped };
}
