/**
 * The overview API's answer → chart-ready rows and series (pure; charts only draw).
 */
import { METRIC_COLORS, stageColor, tierColor } from "@/components/charts/palette";
import type { Series } from "@/components/charts/time-series-chart";
import type { Overview, OverviewPoint } from "@/lib/monitoring/shape-overview";
import { escalationRate, rateOf } from "@/lib/monitoring/rates";

export type Row = Record<string, number | string | null>;

/** Share of each key per bucket (0..1); buckets without requests are null (a gap, not a dip to 0). */
export function prepareShares(points: readonly OverviewPoint[], keys: readonly string[], pick: (p: OverviewPoint) => Record<string, number>): Row[] {
  return points.map((p) => {
    const row: Row = { t: p.t };
    const counts = pick(p);
    for (const k of keys) row[k] = p.requests > 0 ? (counts[k] ?? 0) / p.requests : null;
    return row;
  });
}

export function tierSeries(tiers: readonly string[]): Series[] {
  return tiers.map((t) => ({ key: t, label: t, color: tierColor(t) }));
}

export function stageSeries(stages: readonly string[]): Series[] {
  return stages.map((s, i) => ({ key: s, label: s, color: stageColor(s, i) }));
}

export function prepareRequests(points: readonly OverviewPoint[]): { data: Row[]; series: Series[] } {
  return {
    data: points.map((p) => ({ t: p.t, ok: p.requests - p.errors, errors: p.errors })),
    series: [
      { key: "ok", label: "Answered", color: METRIC_COLORS.primary },
      { key: "errors", label: "Errors", color: METRIC_COLORS.bad },
    ],
  };
}

/** Cumulative spend against the "everything to the most capable tier" baseline. */
export function prepareCost(points: readonly OverviewPoint[]): { data: Row[]; series: Series[] } {
  let cost = 0;
  let baseline = 0;
  return {
    data: points.map((p) => {
      cost += p.costUsd;
      baseline += p.baselineCostUsd;
      return { t: p.t, cost, baseline };
    }),
    series: [
      { key: "baseline", label: "All to most capable tier", color: METRIC_COLORS.secondary },
      { key: "cost", label: "Actual cost", color: METRIC_COLORS.good },
    ],
  };
}

export function prepareRates(points: readonly OverviewPoint[]): { data: Row[]; series: Series[] } {
  return {
    data: points.map((p) => ({
      t: p.t,
      escalationRate: escalationRate(p, { from: p.t, to: p.t }).rate,
      errorRate: rateOf(p.errors, p.requests, { from: p.t, to: p.t }).rate,
      n: p.requests,
    })),
    series: [
      { key: "escalationRate", label: "Escalation rate", color: METRIC_COLORS.warn, nKey: "n" },
      { key: "errorRate", label: "Error rate", color: METRIC_COLORS.bad, nKey: "n" },
    ],
  };
}

export function prepareLatency(latency: Overview["latency"]): { data: Row[]; series: Series[] } {
  return {
    data: latency.map((l) => ({ tier: l.tier, p50: l.p50Ms, p95: l.p95Ms })),
    series: [
      { key: "p50", label: "p50", color: "#60a5fa" },
      { key: "p95", label: "p95", color: METRIC_COLORS.primary },
    ],
  };
}

export function prepareHeadline(o: Overview) {
  const { totals } = o;
  return {
    requests: totals.requests,
    savedUsd: totals.savedUsd,
    savedShare: totals.baselineCostUsd > 0 ? totals.savedUsd / totals.baselineCostUsd : null,
    costUsd: totals.costUsd,
    baselineCostUsd: totals.baselineCostUsd,
    escalationRate: totals.escalationRate,
    errorRate: totals.errorRate,
  };
}
