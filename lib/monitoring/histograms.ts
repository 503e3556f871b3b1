/**
 * Reading the rollups' histograms (layouts in lib/db/rollup-histograms): quantiles and sums.
 */
import { LATENCY_LAYOUT, logLowerEdge, logUpperEdge, type LogLayout } from "../db/rollup-histograms";

/** Element-wise sum; the shorter array counts as zeros. */
export function addHistograms(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(Math.max(a.length, b.length));
  for (let i = 0; i < out.length; i++) out[i] = (a[i] ?? 0) + (b[i] ?? 0);
  return out;
}

/**
 * The q-quantile (0..1) of a log-scale histogram in ms (default: the latency layout),
 * interpolated log-linearly inside the bucket it falls in (linearly in bucket 0). null for an
 * empty histogram.
 */
export function latencyQuantile(hist: readonly number[], q: number, layout: LogLayout = LATENCY_LAYOUT): number | null {
  const total = hist.reduce((s, c) => s + c, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    const c = hist[i] ?? 0;
    if (c === 0) continue;
    if (seen + c >= rank) {
      const f = Math.min(1, Math.max(0, (rank - seen) / c));
      if (i === 0) return f * layout.baseMs;
      if (i === layout.buckets - 1) return logLowerEdge(i, layout);
      const lo = logLowerEdge(i, layout);
      return lo * (logUpperEdge(i, layout) / lo) ** f;
    }
    seen += c;
  }
  return logLowerEdge(hist.length - 1, layout);
}
