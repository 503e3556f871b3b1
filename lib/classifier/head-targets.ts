/**
 * Training targets per head k = 1..N-1 ("does this request need a tier >= k?"):
 * - label: y_k = 1 if the derived label >= k (hard);
 * - gain:  t_k = (1 + best score on tiers >= k - best score on tiers < k) / 2, in [0, 1]: the
 *   expected benefit of allowing the upper tiers, so rows where the cheap tier was *better*
 *   push the other way and ties sit at 1/2. Ranking by it is what maximizes APGR; the
 *   head is then calibrated against the hard labels, which keeps the ranking.
 */
import type { LabeledRow } from "./derive-labels";

export type TargetKind = "gain" | "label";

export function headTarget(row: LabeledRow, k: number, kind: TargetKind): number {
  if (kind === "label") return row.label >= k ? 1 : 0;
  let below = -Infinity;
  let above = -Infinity;
  row.scores.forEach((s, j) => {
    if (j < k) below = Math.max(below, s);
    else above = Math.max(above, s);
  });
  return Math.min(1, Math.max(0, (1 + above - below) / 2));
}

/** targets[k-1][i] for every head and row. */
export function headTargets(rows: readonly LabeledRow[], heads: number, kind: TargetKind): Float64Array[] {
  return Array.from({ length: heads }, (_, h) => Float64Array.from(rows, (r) => headTarget(r, h + 1, kind)));
}
