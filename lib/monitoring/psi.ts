/**
 * Population stability index between a baseline distribution and a current one:
 *   PSI = Σ_i (a_i − e_i) · ln(a_i / e_i)
 * over the shares e_i (baseline) and a_i (current) of each bin. Empty bins would make the log
 * infinite, so every share is floored at `epsilon` (default 1e-4) before the sum. Rules of
 * thumb: < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 large shift.
 */
export const PSI_EPSILON = 1e-4;

/** Counts (or weights) → shares summing to 1; all-zero input → all zeros. */
export function toShares(counts: readonly number[]): number[] {
  const total = counts.reduce((s, c) => s + c, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

/**
 * PSI of two histograms given as counts over the same bins (arrays of equal meaning; the shorter
 * one is padded with zeros). null when either side has no observations.
 */
export function psi(baselineCounts: readonly number[], currentCounts: readonly number[], epsilon = PSI_EPSILON): number | null {
  const n = Math.max(baselineCounts.length, currentCounts.length);
  const pad = (a: readonly number[]) => Array.from({ length: n }, (_, i) => a[i] ?? 0);
  const e = toShares(pad(baselineCounts));
  const a = toShares(pad(currentCounts));
  if (!e.some((x) => x > 0) || !a.some((x) => x > 0)) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const ei = Math.max(e[i]!, epsilon);
    const ai = Math.max(a[i]!, epsilon);
    sum += (ai - ei) * Math.log(ai / ei);
  }
  return sum;
}

/** PSI of two categorical distributions keyed by name (e.g. tier → requests). */
export function psiByKey(baseline: Readonly<Record<string, number>>, current: Readonly<Record<string, number>>, epsilon = PSI_EPSILON): number | null {
  const keys = [...new Set([...Object.keys(baseline), ...Object.keys(current)])].sort();
  return psi(keys.map((k) => baseline[k] ?? 0), keys.map((k) => current[k] ?? 0), epsilon);
}
