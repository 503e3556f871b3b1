/**
 * The fixed histogram layouts of RequestRollup (shared by the writers, the SQL rebuild and the
 * readers; lib/monitoring/histograms reads quantiles from them). Changing a layout needs a rollup
 * rebuild, so they are constants, not settings.
 *
 * Latency: log-scale buckets, three per doubling from 5 ms: bucket 0 is < 5 ms, bucket i (1..47)
 * is [5·2^((i-1)/3), 5·2^(i/3)) ms, bucket 48 is everything ≥ 5·2^(47/3) ms (≈ 262 s). Each
 * bucket spans ±12.5 %, so a percentile read from it (log-interpolated) is within a few percent.
 *
 * Overhead: the same log scale from 0.02 ms (OVERHEAD_LAYOUT), for the router's own sub-ms time.
 *
 * p-score: the classifier's deciding probability P(the cheapest tier is not enough) = scores.p[0]
 * (for two-tier policies the probability the threshold is applied to) in 20 bins of 0.05.
 */
export const LATENCY_BASE_MS = 5;
export const LATENCY_STEPS_PER_DOUBLING = 3;
export const LATENCY_BUCKETS = 49;
export const PSCORE_BINS = 20;

/** A log-scale layout: bucket 0 is < baseMs, bucket i is [base·2^((i-1)/3), base·2^(i/3)), the last open-ended. */
export type LogLayout = { baseMs: number; buckets: number };
export const LATENCY_LAYOUT: LogLayout = { baseMs: LATENCY_BASE_MS, buckets: LATENCY_BUCKETS };
/** The router's own overhead: the same shape from 0.02 ms (bucket 35 starts at ≈ 57 ms). */
export const OVERHEAD_LAYOUT: LogLayout = { baseMs: 0.02, buckets: 36 };

/**
 * Float logs of exact edges (10 ms = 5·2¹) can land a hair below the integer in one runtime and
 * on it in another; nudging by 1e-9 makes JS and Postgres agree on every edge.
 */
const EDGE_NUDGE = 1e-9;

export function logBucket(ms: number, { baseMs, buckets }: LogLayout): number {
  if (!(ms >= baseMs)) return 0;
  const i = Math.floor(LATENCY_STEPS_PER_DOUBLING * Math.log2(ms / baseMs) + EDGE_NUDGE) + 1;
  return Math.min(buckets - 1, i);
}

/** Lower edge (ms) of bucket i; bucket 0 starts at 0. */
export function logLowerEdge(i: number, { baseMs }: LogLayout): number {
  return i <= 0 ? 0 : baseMs * 2 ** ((i - 1) / LATENCY_STEPS_PER_DOUBLING);
}

export function logUpperEdge(i: number, { baseMs }: LogLayout): number {
  return baseMs * 2 ** (i / LATENCY_STEPS_PER_DOUBLING);
}

/** The same bucket as logBucket, as a SQL expression over a double precision column. */
export function logBucketSql(column: string, { baseMs, buckets }: LogLayout): string {
  return `CASE WHEN NOT (${column} >= ${baseMs}) THEN 0 ELSE LEAST(${buckets - 1}, floor(${LATENCY_STEPS_PER_DOUBLING} * ln(${column} / ${baseMs}) / ln(2) + ${EDGE_NUDGE})::int + 1) END`;
}

export const latencyBucket = (ms: number) => logBucket(ms, LATENCY_LAYOUT);
export const latencyLowerEdge = (i: number) => logLowerEdge(i, LATENCY_LAYOUT);
export const latencyUpperEdge = (i: number) => logUpperEdge(i, LATENCY_LAYOUT);
export const latencyBucketSql = (column: string) => logBucketSql(column, LATENCY_LAYOUT);

export function pScoreBin(p: number): number {
  if (!(p > 0)) return 0;
  return Math.min(PSCORE_BINS - 1, Math.floor(p * PSCORE_BINS));
}

export function pScoreBinSql(column: string): string {
  // GREATEST/LEAST skip NULLs, so a NULL probability must stay NULL explicitly.
  return `CASE WHEN ${column} IS NULL THEN NULL ELSE LEAST(${PSCORE_BINS - 1}, GREATEST(0, floor(${column} * ${PSCORE_BINS})::int)) END`;
}

/** The deciding probability of a logged request's scores, or null when no classifier ran. */
export function decidingProbability(scores: unknown): number | null {
  const p = (scores as { p?: unknown } | null | undefined)?.p;
  if (!Array.isArray(p) || typeof p[0] !== "number" || !Number.isFinite(p[0])) return null;
  return p[0];
}

/** The same as SQL over the RequestLog.scores jsonb column. */
export const DECIDING_PROBABILITY_SQL = `(CASE WHEN jsonb_typeof("scores"->'p'->0) = 'number' THEN ("scores"->'p'->>0)::float8 END)`;

/**
 * Element-wise sum of an int[] column over a GROUP BY, as one int[] (1-based subscripts): one
 * pass over the rows, far cheaper than unnest + regroup.
 */
export function sumArraySql(column: string, length: number): string {
  return `ARRAY[${Array.from({ length }, (_, i) => `coalesce(sum(${column}[${i + 1}]), 0)`).join(", ")}]::int[]`;
}

/** Histogram arrays → sparse (idx, count) rows. */
export function histogramEntries<K extends object>(rows: ReadonlyArray<K & { hist: number[] }>): Array<Omit<K, "hist"> & { idx: number; count: number }> {
  const out: Array<Omit<K, "hist"> & { idx: number; count: number }> = [];
  for (const { hist, ...rest } of rows) hist.forEach((count, idx) => count > 0 && out.push({ ...(rest as Omit<K, "hist">), idx, count }));
  return out;
}
