/**
 * Reading the rollups' histograms (layouts in lib/db/rollup-histograms): quantiles and sums.
 */
import { LATENCY_BASE_MS, LATENCY_BUCKETS, latencyLowerEdge, latencyUpperEdge } from "../db/rollup-histograms";

/** Element-wise sum; the shorter array counts as zeros. */
export function addHistograms(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(Math.max(a.length, b.length));
  for (let i = 0; i < out.length; i++) out[i] = (a[i] ?? 0) + (b[i] ?? 0);
  return out;
}

/**
 * The q-quantile (0..1) of a latency histogram in ms, interpolated log-linearly inside the bucket
 * it falls in (linearly in bucket 0). null for an empty histogram.
 */
export function latencyQuantile(hist: readonly number[], q: number): number | null {
  const total = hist.reduce((s, c) => s + c, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    const c = hist[i] ?? 0;
    if (c === 0) continue;
    if (seen + c >= rank) {
      const f = Math.min(1, Math.max(0, (rank - seen) / c));
      if (i === 0) return f * LATENCY_BASE_MS;
      if (i === LATENCY_BUCKETS - 1) return latencyLowerEdge(i);
      const lo = latencyLowerEdge(i);
      return lo * (latencyUpperEdge(i) / lo) ** f;
    }
    seen += c;
  }
  return latencyLowerEdge(hist.length - 1);
}
