import { describe, expect, it } from "vitest";
import { coarsen, comparePsi, driftWindows, labelStats, misrouteRates, mixStats, scoreHistogram, summarize } from "./shape-drift";

const W = { from: "2026-12-01T00:00:00.000Z", to: "2026-12-08T00:00:00.000Z" };
const top = new Map([["default", "capable"], ["three-tier", "capable"]]);
const mix = (t: string | null, tier: string, requests: number, stage = "classifier", policy = "default", status = "ok") => ({ t, policy, tier, stage, status, requests });

describe("mixStats", () => {
  it("counts requests answered by the policy's top tier and those that climbed", () => {
    const s = mixStats([mix(null, "fast", 60), mix(null, "capable", 30), mix(null, "capable", 10, "escalation"), mix(null, "fast", 5, "fallback", "default", "error")], top);
    expect(s).toMatchObject({ requests: 105, errors: 5, lastStage: 40, climbed: 15, byTier: { fast: 65, capable: 40 } });
    expect(summarize(s, [0, 0], W).lastStageShare).toBeCloseTo(40 / 105, 12);
  });
});

describe("labelStats and misrouteRates", () => {
  it("splits verdicts by direction and keeps the random sample apart", () => {
    const s = labelStats([
      { t: null, sample: "random", verdict: "correct", count: 6 },
      { t: null, sample: "random", verdict: "should-be-more-capable", count: 3 },
      { t: null, sample: "random", verdict: "should-be-cheaper", count: 1 },
      { t: null, sample: "uncertain", verdict: "should-be-more-capable", count: 10 },
    ]);
    const r = misrouteRates(s, W);
    expect(r).toMatchObject({ labeled: 20, randomLabeled: 10 });
    expect(r.qualityAll.rate).toBeCloseTo(13 / 20, 12);
    expect(r.qualityAll.n).toBe(20);
    expect(r.costAll.rate).toBeCloseTo(1 / 20, 12);
    // the random-sample rates carry their own n and the window, so whoever shows them shows the same basis
    expect(r.quality).toEqual({ rate: expect.closeTo(0.3, 12), n: 10, window: W });
    expect(r.cost).toEqual({ rate: expect.closeTo(0.1, 12), n: 10, window: W });
    expect(misrouteRates(labelStats([]), W).quality).toEqual({ rate: null, n: 0, window: W });
  });
});

describe("driftWindows", () => {
  it("computes per-window shares and PSI against the baseline, skipping thin windows", () => {
    const baseline = { mix: mixStats([mix(null, "fast", 50), mix(null, "capable", 50)], top), scores: scoreHistogram([{ t: null, idx: 2, count: 100 }, { t: null, idx: 15, count: 100 }]) };
    const windows = driftWindows(
      { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-01-01T03:00:00Z"), windowMs: 3_600_000 },
      {
        mix: [mix("2026-01-01T00:00:00Z", "fast", 50), mix("2026-01-01T00:00:00Z", "capable", 50), mix("2026-01-01T01:00:00Z", "fast", 20), mix("2026-01-01T01:00:00Z", "capable", 80), mix("2026-01-01T02:00:00Z", "fast", 3)],
        scores: [{ t: "2026-01-01T01:00:00Z", idx: 2, count: 20 }, { t: "2026-01-01T01:00:00Z", idx: 15, count: 80 }, { t: "2026-01-01T02:00:00Z", idx: 3, count: 99 }],
        labels: [{ t: "2026-01-01T01:00:00Z", sample: "random", verdict: "should-be-cheaper", count: 2 }],
      },
      baseline,
      top,
    );
    expect(windows).toHaveLength(3);
    expect(windows[0]!.tierPsi).toBeCloseTo(0, 12);
    expect(windows[0]!.scorePsi).toBeNull(); // no scored requests in that window
    expect(windows[1]!.tierPsi).toBeCloseTo(0.415888, 5); // [0.5, 0.5] → [0.2, 0.8]
    expect(windows[1]!.scorePsi).toBeCloseTo(0.415888, 5); // bins 2 and 15 → coarse bins 1 and 7
    expect(windows[2]!.scorePsi).toBeNull(); // 99 scored requests: under the minimum of 100
    expect(windows[1]!.lastStageShare).toBeCloseTo(0.8, 12);
    expect(windows[1]!.tierShares).toEqual({ fast: 0.2, capable: 0.8 });
    expect(windows[1]!.misroute.cost.rate).toBe(1);
    expect(windows[1]!.misroute.cost.window.from).toBe(windows[1]!.t);
    expect(windows[2]!.tierPsi).toBeNull(); // 3 requests: too few
  });

  it("compares whole periods with comparePsi", () => {
    const a = { mix: mixStats([mix(null, "fast", 70), mix(null, "capable", 30)], top), scores: [] };
    const b = { mix: mixStats([mix(null, "fast", 70), mix(null, "capable", 30)], top), scores: [] };
    expect(comparePsi(a, b)).toEqual({ tierPsi: 0, scorePsi: null });
  });
});

describe("coarsen", () => {
  it("merges adjacent bins", () => {
    expect(coarsen([1, 2, 3, 4, 5], 2)).toEqual([3, 7, 5]);
  });
});
