/**
 * Turns the overview's SQL rows into the API answer: one point per bucket (empty buckets
 * included) with requests per tier and per deciding stage, money against the top-tier
 * baseline, escalations and errors; totals; p50/p95 per tier from the latency histograms.
 */
import type { CountRow, HistRow } from "../db/overview-repo";
import { LATENCY_BUCKETS } from "../db/rollup-histograms";
import { latencyQuantile } from "./histograms";
import { escalationRate, rateOf } from "./rates";
import { LOGGED_STAGES } from "./request-filters";
import { bucketStarts, type ResolvedRange } from "./time-range";

export type OverviewPoint = {
  t: string;
  requests: number;
  errors: number;
  escalations: number;
  hedges: number;
  costUsd: number;
  baselineCostUsd: number;
  byTier: Record<string, number>;
  byStage: Record<string, number>;
};

export type Overview = {
  range: { from: string; to: string; bucket: string; bucketMs: number; source: "raw" | "rollup" };
  tiers: string[];
  stages: string[];
  points: OverviewPoint[];
  totals: { requests: number; errors: number; escalations: number; hedges: number; costUsd: number; baselineCostUsd: number; savedUsd: number; errorRate: number | null; escalationRate: number | null };
  latency: Array<{ tier: string; requests: number; p50Ms: number | null; p95Ms: number | null }>;
};

/** The engine's stages in cascade order; unknown ones are appended. */
export const STAGE_ORDER: readonly string[] = LOGGED_STAGES;

function ordered(names: Iterable<string>, preferred: readonly string[]): string[] {
  const set = new Set(names);
  return [...preferred.filter((n) => set.has(n)), ...[...set].filter((n) => !preferred.includes(n)).sort()];
}

export function shapeOverview(
  range: ResolvedRange,
  rows: readonly CountRow[],
  latencyRows: readonly HistRow[],
  tierOrder: readonly string[],
): Overview {
  const starts = bucketStarts(range.from, range.to, range.bucketMs);
  const points = new Map<number, OverviewPoint>(
    starts.map((t) => [t, { t: new Date(t).toISOString(), requests: 0, errors: 0, escalations: 0, hedges: 0, costUsd: 0, baselineCostUsd: 0, byTier: {}, byStage: {} }]),
  );
  const tierNames = new Set<string>();
  const stageNames = new Set<string>();
  for (const r of rows) {
    const p = points.get(new Date(r.t).getTime());
    if (!p) continue;
    const tier = r.tier || "(none)";
    tierNames.add(tier);
    stageNames.add(r.stage);
    p.requests += r.requests;
    if (r.status !== "ok") p.errors += r.requests;
    p.escalations += r.escalations;
    p.hedges += r.hedges;
    p.costUsd += r.costUsd;
    p.baselineCostUsd += r.baselineCostUsd;
    p.byTier[tier] = (p.byTier[tier] ?? 0) + r.requests;
    p.byStage[r.stage] = (p.byStage[r.stage] ?? 0) + r.requests;
  }
  const list = [...points.values()];
  const sum = (f: (p: OverviewPoint) => number) => list.reduce((s, p) => s + f(p), 0);
  const requests = sum((p) => p.requests);
  const totals = {
    requests,
    errors: sum((p) => p.errors),
    escalations: sum((p) => p.escalations),
    hedges: sum((p) => p.hedges),
    costUsd: sum((p) => p.costUsd),
    baselineCostUsd: sum((p) => p.baselineCostUsd),
    savedUsd: 0,
    errorRate: null as number | null,
    escalationRate: null as number | null,
  };
  totals.savedUsd = totals.baselineCostUsd - totals.costUsd;
  const window = { from: range.from, to: range.to };
  totals.errorRate = rateOf(totals.errors, requests, window).rate;
  totals.escalationRate = escalationRate(totals, window).rate;
  const hists = new Map<string, number[]>();
  for (const r of latencyRows) {
    const tier = r.tier || "(none)";
    const h = hists.get(tier) ?? new Array<number>(LATENCY_BUCKETS).fill(0);
    h[r.idx] = (h[r.idx] ?? 0) + r.count;
    hists.set(tier, h);
  }
  const tiers = ordered(tierNames, tierOrder);
  const latency = ordered(hists.keys(), tierOrder).map((tier) => {
    const h = hists.get(tier)!;
    return { tier, requests: h.reduce((s, c) => s + c, 0), p50Ms: latencyQuantile(h, 0.5), p95Ms: latencyQuantile(h, 0.95) };
  });
  return {
    range: { from: range.from.toISOString(), to: range.to.toISOString(), bucket: range.bucket, bucketMs: range.bucketMs, source: range.source },
    tiers,
    stages: ordered(stageNames, STAGE_ORDER),
    points: list,
    totals,
    latency,
  };
}
