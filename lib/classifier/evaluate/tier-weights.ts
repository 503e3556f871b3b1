/**
 * Relative cost of each tier for the x-axis of the cost-quality curve: 0 for the cheapest,
 * 1 for the most capable. From the data's mean cost_usd per tier when every row has it for
 * every tier, else evenly spaced (k / (N-1)). For two tiers both give [0, 1], so the x-axis is
 * exactly RouteLLM's share of calls to the strong model.
 */
export function tierCostWeights(tierCount: number, costs?: ReadonlyArray<readonly number[]>): number[] {
  const even = Array.from({ length: tierCount }, (_, k) => k / (tierCount - 1));
  if (!costs || costs.length === 0 || tierCount === 2) return even;
  const mean = new Array<number>(tierCount).fill(0);
  for (const row of costs) {
    for (let k = 0; k < tierCount; k++) {
      if (!Number.isFinite(row[k])) return even;
      mean[k] += row[k] / costs.length;
    }
  }
  const lo = mean[0];
  const span = mean[tierCount - 1] - lo;
  if (!(span > 0)) return even;
  const w = mean.map((m) => Math.min(1, Math.max(0, (m - lo) / span)));
  // keep the weights non-decreasing in tier order
  for (let k = 1; k < tierCount; k++) w[k] = Math.max(w[k], w[k - 1]);
  w[0] = 0;
  w[tierCount - 1] = 1;
  return w;
}
