/**
 * GET /api/admin/drift: per window the tier mix, PSI (tier mix and p-score) against a baseline
 * window, last-stage share and misroute rates; plus the baseline and the "current" period
 * (the range after the baseline) compared as a whole. Everything from the hourly rollups.
 */
import { z } from "zod";
import { labelVerdicts, scoreHistograms, tierMix, type WindowSpec } from "../db/drift-repo";
import { policyTopTiers, tierOrder } from "../db/overview-repo";
import { comparePsi, driftWindows, labelStats, misrouteRates, mixStats, scoreHistogram, summarize } from "./shape-drift";
import { BUCKETS, chooseDriftBucket, MAX_POINTS, MAX_RANGE_MS, type Bucket } from "./time-range";

const date = (name: string) => z.coerce.date({ error: `${name} must be a date (ISO 8601)` });
const HOUR_BUCKETS = ["1h", "6h", "1d"] as const;

export const driftQuerySchema = z
  .object({
    from: date("from"),
    to: date("to"),
    window: z.enum(HOUR_BUCKETS).optional(),
    baseline: z.enum(["first-half", "previous", "custom"]).default("first-half"),
    baselineFrom: date("baselineFrom").optional(),
    baselineTo: date("baselineTo").optional(),
    policy: z.string().trim().min(1).max(63).optional(),
  })
  .superRefine((q, ctx) => {
    const ms = q.to.getTime() - q.from.getTime();
    if (!(ms > 0)) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from" });
    else if (ms > MAX_RANGE_MS) ctx.addIssue({ code: "custom", path: ["from"], message: "the range may span at most 400 days" });
    else if (q.window && ms / BUCKETS[q.window] > MAX_POINTS) ctx.addIssue({ code: "custom", path: ["window"], message: "too many windows for this range" });
    if (q.baseline === "custom") {
      if (!q.baselineFrom || !q.baselineTo) ctx.addIssue({ code: "custom", path: ["baselineFrom"], message: "a custom baseline needs baselineFrom and baselineTo" });
      else if (!(q.baselineTo > q.baselineFrom)) ctx.addIssue({ code: "custom", path: ["baselineTo"], message: "baselineTo must be after baselineFrom" });
    }
  });

export type DriftQuery = z.infer<typeof driftQuerySchema>;

export function baselineWindow(q: Pick<DriftQuery, "from" | "to" | "baseline" | "baselineFrom" | "baselineTo">): { from: Date; to: Date } {
  const span = q.to.getTime() - q.from.getTime();
  if (q.baseline === "custom" && q.baselineFrom && q.baselineTo) return { from: q.baselineFrom, to: q.baselineTo };
  if (q.baseline === "previous") return { from: new Date(q.from.getTime() - span), to: q.from };
  return { from: q.from, to: new Date(q.from.getTime() + Math.floor(span / 2)) };
}

async function period(spec: WindowSpec, topTiers: Map<string, string>) {
  const [mix, scores, labels] = await Promise.all([tierMix(spec), scoreHistograms(spec), labelVerdicts(spec)]);
  return { mix: mixStats(mix, topTiers), scores: scoreHistogram(scores), labels: labelStats(labels) };
}

export async function getDrift(q: DriftQuery) {
  const span = q.to.getTime() - q.from.getTime();
  const window: Bucket = q.window ?? chooseDriftBucket(span);
  const windowMs = BUCKETS[window];
  const base = baselineWindow(q);
  const current = { from: base.to > q.from && base.to < q.to ? base.to : q.from, to: q.to };
  const [topTiers, tiers] = await Promise.all([policyTopTiers(), tierOrder()]);
  const spec = { from: q.from, to: q.to, windowSeconds: windowMs / 1000, policy: q.policy };
  const [[mix, scores, labels], baseline, now] = await Promise.all([
    Promise.all([tierMix(spec), scoreHistograms(spec), labelVerdicts(spec)]),
    period({ ...base, windowSeconds: null, policy: q.policy }, topTiers),
    period({ ...current, windowSeconds: null, policy: q.policy }, topTiers),
  ]);
  const windows = driftWindows({ from: q.from, to: q.to, windowMs }, { mix, scores, labels }, baseline, topTiers);
  const seen = new Set(windows.flatMap((w) => Object.keys(w.tierShares)));
  const baseWindow = { from: base.from.toISOString(), to: base.to.toISOString() };
  const currentWindow = { from: current.from.toISOString(), to: current.to.toISOString() };
  return {
    range: { from: q.from.toISOString(), to: q.to.toISOString(), window, windowMs, policy: q.policy ?? null },
    tiers: [...tiers.filter((t) => seen.has(t)), ...[...seen].filter((t) => !tiers.includes(t)).sort()],
    baseline: { mode: q.baseline, ...baseWindow, ...summarize(baseline.mix, baseline.scores, baseWindow), misroute: misrouteRates(baseline.labels, baseWindow) },
    current: {
      ...currentWindow,
      ...summarize(now.mix, now.scores, currentWindow),
      ...comparePsi(baseline, now),
      misroute: misrouteRates(now.labels, currentWindow),
    },
    windows,
  };
}

export type Drift = Awaited<ReturnType<typeof getDrift>>;
