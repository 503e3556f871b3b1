/**
 * Time ranges of the overview and drift APIs: the query schema, and the bucket (chart step)
 * chosen from the range's length. Ranges up to 3 h are read from raw rows in 5-minute buckets;
 * longer ones from the hourly rollups (their start rounded down to the hour).
 */
import { z } from "zod";

export const BUCKETS = { "5m": 300_000, "15m": 900_000, "1h": 3_600_000, "6h": 21_600_000, "1d": 86_400_000 } as const;
export type Bucket = keyof typeof BUCKETS;
export const MAX_POINTS = 1_000;
export const MAX_RANGE_MS = 400 * 86_400_000;
export const RAW_MAX_MS = 3 * 3_600_000;

/** The chart step for a range: ~12–170 points. */
export function chooseBucket(rangeMs: number): Bucket {
  if (rangeMs <= RAW_MAX_MS) return "5m";
  if (rangeMs <= 8 * 86_400_000) return "1h";
  if (rangeMs <= 45 * 86_400_000) return "6h";
  return "1d";
}

/** Drift windows are coarser (each PSI needs a few hundred requests to mean something) and
 * always read from the hourly rollups. */
export function chooseDriftBucket(rangeMs: number): Bucket {
  if (rangeMs <= 2 * 86_400_000) return "1h";
  if (rangeMs <= 10 * 86_400_000) return "6h";
  return "1d";
}

const date = (name: string) => z.coerce.date({ error: `${name} must be a date (ISO 8601)` });

export const rangeQuerySchema = z
  .object({
    from: date("from"),
    to: date("to"),
    bucket: z.enum(Object.keys(BUCKETS) as [Bucket, ...Bucket[]]).optional(),
  })
  .superRefine((q, ctx) => {
    const ms = q.to.getTime() - q.from.getTime();
    if (!(ms > 0)) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from" });
    else if (ms > MAX_RANGE_MS) ctx.addIssue({ code: "custom", path: ["from"], message: "the range may span at most 400 days" });
    else if (q.bucket) {
      if (ms / BUCKETS[q.bucket] > MAX_POINTS) ctx.addIssue({ code: "custom", path: ["bucket"], message: `bucket ${q.bucket} gives more than ${MAX_POINTS} points for this range` });
      if (ms > RAW_MAX_MS && BUCKETS[q.bucket] < BUCKETS["1h"]) ctx.addIssue({ code: "custom", path: ["bucket"], message: "buckets under 1 h need a range of at most 3 h" });
    }
  });

export type ResolvedRange = { from: Date; to: Date; bucket: Bucket; bucketMs: number; source: "raw" | "rollup" };

export function resolveRange(q: { from: Date; to: Date; bucket?: Bucket }, choose = chooseBucket): ResolvedRange {
  const ms = q.to.getTime() - q.from.getTime();
  const bucket = q.bucket ?? choose(ms);
  const bucketMs = BUCKETS[bucket];
  const source = bucketMs < BUCKETS["1h"] ? "raw" : "rollup";
  return { from: q.from, to: q.to, bucket, bucketMs, source };
}

/** Bucket starts covering [from, to), aligned to multiples of the bucket since the epoch (UTC). */
export function bucketStarts(from: Date, to: Date, bucketMs: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(from.getTime() / bucketMs) * bucketMs; t < to.getTime(); t += bucketMs) out.push(t);
  return out;
}

/** The console's preset ranges, ending now. */
export const PRESETS = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
export type Preset = keyof typeof PRESETS;
