import { describe, expect, it } from "vitest";
import type { Overview, OverviewPoint } from "@/lib/monitoring/shape-overview";
import { prepareCost, prepareHeadline, prepareLatency, prepareRates, prepareRequests, prepareShares, stageSeries, tierSeries } from "./prepare-overview";

const point = (t: string, requests: number, extra: Partial<OverviewPoint> = {}): OverviewPoint => ({
  t, requests, errors: 0, escalations: 0, hedges: 0, costUsd: 0, baselineCostUsd: 0, byTier: {}, byStage: {}, ...extra,
});
const points = [
  point("2026-01-01T10:00:00Z", 10, { errors: 1, escalations: 2, costUsd: 1, baselineCostUsd: 4, byTier: { fast: 6, capable: 4 }, byStage: { classifier: 8, escalation: 2 } }),
  point("2026-01-01T11:00:00Z", 0),
  point("2026-01-01T12:00:00Z", 4, { costUsd: 0.5, baselineCostUsd: 1, byTier: { capable: 4 }, byStage: { classifier: 4 } }),
];

describe("prepare-overview", () => {
  it("turns counts into per-bucket shares, null (a gap) for empty buckets", () => {
    expect(prepareShares(points, ["fast", "capable"], (p) => p.byTier)).toEqual([
      { t: "2026-01-01T10:00:00Z", fast: 0.6, capable: 0.4 },
      { t: "2026-01-01T11:00:00Z", fast: null, capable: null },
      { t: "2026-01-01T12:00:00Z", fast: 0, capable: 1 },
    ]);
  });

  it("accumulates cost against the baseline", () => {
    expect(prepareCost(points).data.map((r) => [r.cost, r.baseline])).toEqual([[1, 4], [1, 4], [1.5, 5]]);
  });

  it("gives rates per bucket and null where nothing happened", () => {
    expect(prepareRates(points).data.map((r) => [r.escalationRate, r.errorRate])).toEqual([[0.2, 0.1], [null, null], [0, 0]]);
    expect(prepareRequests(points).data[0]).toEqual({ t: "2026-01-01T10:00:00Z", ok: 9, errors: 1 });
  });

  it("gives one colour per tier and stage, and latency bars per tier", () => {
    expect(tierSeries(["fast", "capable"]).map((s) => s.key)).toEqual(["fast", "capable"]);
    expect(new Set(stageSeries(["classifier", "escalation", "fallback"]).map((s) => s.color)).size).toBe(3);
    expect(prepareLatency([{ tier: "fast", requests: 3, p50Ms: 300, p95Ms: 700 }]).data).toEqual([{ tier: "fast", p50: 300, p95: 700 }]);
  });

  it("summarises money saved as an amount and a share of the baseline", () => {
    const o = { totals: { requests: 14, errors: 1, escalations: 2, hedges: 0, costUsd: 1.5, baselineCostUsd: 5, savedUsd: 3.5, errorRate: 1 / 14, escalationRate: 2 / 14 } } as Overview;
    expect(prepareHeadline(o)).toMatchObject({ savedUsd: 3.5, savedShare: 0.7, requests: 14 });
  });
});
