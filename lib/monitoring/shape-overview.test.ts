import { describe, expect, it } from "vitest";
import { latencyBucket } from "../db/rollup-histograms";
import { shapeOverview } from "./shape-overview";
import { resolveRange } from "./time-range";

const range = resolveRange({ from: new Date("2026-01-01T10:00:00Z"), to: new Date("2026-01-01T13:00:00Z"), bucket: "1h" });
const row = (t: string, tier: string, stage: string, status: string, requests: number, extra: Partial<{ escalations: number; costUsd: number; baselineCostUsd: number }> = {}) => ({
  t: new Date(t), tier, stage, status, requests, escalations: 0, hedges: 0, costUsd: 0, baselineCostUsd: 0, ...extra,
});

describe("shapeOverview", () => {
  it("fills every bucket, folds tiers and stages, and totals money saved", () => {
    const o = shapeOverview(
      range,
      [
        row("2026-01-01T10:00:00Z", "fast", "classifier", "ok", 8, { costUsd: 0.01, baselineCostUsd: 0.1 }),
        row("2026-01-01T10:00:00Z", "capable", "escalation", "ok", 2, { escalations: 2, costUsd: 0.05, baselineCostUsd: 0.04 }),
        row("2026-01-01T12:00:00Z", "fast", "classifier", "error", 5),
      ],
      [],
      ["fast", "balanced", "capable"],
    );
    expect(o.points.map((p) => p.requests)).toEqual([10, 0, 5]);
    expect(o.points[0]!.byTier).toEqual({ fast: 8, capable: 2 });
    expect(o.points[0]!.byStage).toEqual({ classifier: 8, escalation: 2 });
    expect(o.points[2]!.errors).toBe(5);
    expect(o.tiers).toEqual(["fast", "capable"]);
    expect(o.stages).toEqual(["classifier", "escalation"]);
    expect(o.totals).toMatchObject({ requests: 15, errors: 5, escalations: 2 });
    expect(o.totals.savedUsd).toBeCloseTo(0.14 - 0.06, 12);
    expect(o.totals.errorRate).toBeCloseTo(5 / 15, 12);
    expect(o.totals.escalationRate).toBeCloseTo(2 / 15, 12);
  });

  it("gives null rates and no latency for an empty range", () => {
    const o = shapeOverview(range, [], [], []);
    expect(o.points).toHaveLength(3);
    expect(o.totals.errorRate).toBeNull();
    expect(o.latency).toEqual([]);
  });

  it("reads p50 and p95 per tier from the histograms", () => {
    const i300 = latencyBucket(300);
    const i2000 = latencyBucket(2000);
    const o = shapeOverview(range, [], [
      { tier: "capable", idx: i2000, count: 10 },
      { tier: "fast", idx: i300, count: 90 },
      { tier: "fast", idx: i2000, count: 10 },
    ], ["fast", "capable"]);
    expect(o.latency.map((l) => l.tier)).toEqual(["fast", "capable"]);
    expect(o.latency[0]!.requests).toBe(100);
    expect(o.latency[0]!.p50Ms!).toBeGreaterThan(300 * 0.85);
    expect(o.latency[0]!.p50Ms!).toBeLessThan(300 * 1.15);
    expect(o.latency[0]!.p95Ms!).toBeGreaterThan(2000 * 0.85);
    expect(o.latency[1]!.p50Ms!).toBeGreaterThan(2000 * 0.85);
  });
});
