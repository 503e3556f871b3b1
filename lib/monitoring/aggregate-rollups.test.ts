import { describe, expect, it } from "vitest";
import { aggregateRollups, hourStart } from "./aggregate-rollups";
import { latencyBucket, pScoreBin } from "./histograms";

const base = { policyName: "default", tierName: "fast", stage: "classifier", status: "ok", costUsd: 0.001, baselineCostUsd: 0.01, totalMs: 300 };

describe("aggregateRollups", () => {
  it("groups by hour, policy, tier, stage, status and demo flag, summing counts and money", () => {
    const deltas = aggregateRollups([
      { ...base, createdAt: "2026-01-01T10:05:00Z", scores: { p: [0.42] } },
      { ...base, createdAt: "2026-01-01T10:55:00Z", escalated: true, totalMs: 1200 },
      { ...base, createdAt: "2026-01-01T11:00:00Z" },
      { ...base, createdAt: "2026-01-01T10:10:00Z", isDemo: true },
      { ...base, createdAt: "2026-01-01T10:10:00Z", status: "error", hedged: true },
    ]);
    expect(deltas).toHaveLength(4);
    const ten = deltas.find((d) => d.bucket === "2026-01-01T10:00:00.000Z" && d.status === "ok" && !d.isDemo)!;
    expect(ten).toMatchObject({ policy: "default", tier: "fast", requests: 2, escalations: 1, hedges: 0, totalMs: 1500 });
    expect(ten.costUsd).toBeCloseTo(0.002, 12);
    expect(ten.baselineCostUsd).toBeCloseTo(0.02, 12);
    expect(ten.latencyHist[latencyBucket(300)]).toBe(1);
    expect(ten.latencyHist[latencyBucket(1200)]).toBe(1);
    expect(ten.latencyHist.reduce((a, b) => a + b, 0)).toBe(2);
    expect(ten.pScoreHist[pScoreBin(0.42)]).toBe(1);
    expect(ten.pScoreHist.reduce((a, b) => a + b, 0)).toBe(1); // the row without scores adds nothing
    expect(deltas.find((d) => d.status === "error")!.hedges).toBe(1);
    expect(deltas.filter((d) => d.isDemo)).toHaveLength(1);
  });

  it("maps a missing policy or tier to an empty name and sorts deltas by key", () => {
    const deltas = aggregateRollups([
      { ...base, createdAt: "2026-01-01T12:00:00Z", tierName: "capable" },
      { ...base, createdAt: "2026-01-01T12:00:00Z", policyName: null, tierName: null, status: "error" },
    ]);
    expect(deltas.map((d) => [d.policy, d.tier])).toEqual([["", ""], ["default", "capable"]]);
  });

  it("truncates to the UTC hour", () => {
    expect(hourStart("2026-03-04T05:59:59.999Z")).toBe("2026-03-04T05:00:00.000Z");
  });
});
