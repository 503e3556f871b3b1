import { describe, expect, it } from "vitest";
import { baselines, oracleVector, randomEnvelope } from "./baselines";
import { calibrationOf, calibrationSummary } from "./calibration";
import { evaluateRouter } from "./evaluate-router";
import { costAwareRule, operatingPoint, thresholdRule } from "./operating-point";
import { FOUR } from "../testing/eval-fixtures";

describe("operatingPoint", () => {
  it("counts quality and cost misroutes at a threshold (hand-computed)", () => {
    const p = operatingPoint(FOUR, thresholdRule(0.5), [0, 1]);
    expect(p.shares).toEqual([0.5, 0.5]);
    expect(p.quality).toBe(0.75);
    expect(p.cost).toBe(0.5);
    expect(p.pgr).toBe(1);
    expect(p.qualityErrors).toEqual({ count: 1, rate: 0.25 }); // C sent low
    expect(p.costErrors).toEqual({ count: 1, rate: 0.25 }); // B sent high
    expect(p.accuracy).toBe(0.5);
  });

  it("implements the cost-aware rule", () => {
    const rule = costAwareRule(2, [0, 0.5, 1]);
    expect(rule([0.8, 0.2], FOUR[0])).toBe(1); // 0 + 1.6 vs 0.5 + 0.4 vs 1
    expect(rule([0.9, 0.8], FOUR[0])).toBe(2);
    expect(thresholdRule(0.5)([0.7, 0.6, 0.2], FOUR[0])).toBe(2);
  });
});

describe("calibration", () => {
  it("computes ECE over equal-width bins (hand-computed)", () => {
    const c = calibrationOf([[0.9, 1], [0.6, 0], [0.3, 1], [0.1, 0]]);
    expect(c.ece).toBeCloseTo((0.1 + 0.6 + 0.7 + 0.1) / 4, 12);
    expect(c.bins.filter((b) => b.count > 0).map((b) => b.lo)).toEqual([0.1, 0.3, 0.6, 0.9]);
    expect(calibrationOf([[0.25, 1], [0.25, 0]]).ece).toBeCloseTo(0.25, 12);
    expect(calibrationOf([[1, 1]]).bins[9].count).toBe(1);
  });

  it("pools the heads of an N-tier router", () => {
    const s = calibrationSummary([{ id: "a", p: [0.8, 0.2], scores: [0, 1, 1], label: 1 }]);
    expect(s.perHead[0].ece).toBeCloseTo(0.2, 12);
    expect(s.perHead[1].ece).toBeCloseTo(0.2, 12);
    expect(s.ece).toBeCloseTo(0.2, 12);
  });
});

describe("baselines", () => {
  const b = baselines(FOUR, [0, 1], [0.5, 0.5]);

  it("gives the analytic random router and the constant routers", () => {
    expect(b.random.apgr).toBe(0.5);
    expect(b.random.cpt80).toBe(0.8);
    expect(b.randomAtSameShares.quality).toBeCloseTo(0.625, 12);
    expect(b.randomAtSameShares.pgr).toBeCloseTo(0.5, 12);
    expect(b.alwaysCheapest.quality).toBe(0.5);
    expect(b.alwaysMostCapable.quality).toBe(0.75);
    expect(b.alwaysMostCapable.costErrors.count).toBe(2);
  });

  it("routes the oracle by label and ranks it by true benefit (hand-computed)", () => {
    expect(b.oracle.quality).toBe(1);
    expect(b.oracle.cost).toBe(0.5);
    expect(b.oracle.qualityErrors.count + b.oracle.costErrors.count).toBe(0);
    // oracle p: A 1, B .5, C 1, D 0 -> points (0,0) (.5,2) (.75,2) (1,1)
    expect(b.oracle.curve.apgr).toBeCloseTo(1.375, 12);
    expect(oracleVector([0, 1, 0.5])).toEqual([1, 0.25]); // tier 2 alone is worse than tier 1
  });
});

describe("evaluateRouter", () => {
  it("assembles curve, point, calibration, baselines and per-tag breakdown", () => {
    const r = evaluateRouter(FOUR, { weights: [0, 1] });
    expect(r.rows).toBe(4);
    expect(r.summary.apgr).toBeCloseTo(1.125, 12);
    expect(r.point.rule).toBe("threshold 0.5");
    expect(r.calibration.ece).toBeCloseTo(0.375, 12);
    expect(r.perTag.task.map((g) => [g.value, g.n])).toEqual([["x", 2], ["y", 2]]);
    // task x: A (gain 1) then B (0): lo .5, hi 1 -> points (0,0) (.5,1) (1,1)
    expect(r.perTag.task[0].summary.apgr).toBeCloseTo(0.75, 12);
    expect(r.perTag.task[0].labelShares).toEqual([0.5, 0.5]);
  });
});

describe("random baseline for N tiers", () => {
  it("is the concave envelope of the single-tier points (0.5 for two tiers)", () => {
    expect(baselines(FOUR, [0, 1], [1, 0]).random.apgr).toBeCloseTo(0.5, 12);
    // tier means 0, 0.9, 1 at costs 0, 0.2, 1: envelope (0,0) (0.2,0.9) (1,1)
    const rows = [
      { id: "a", p: [0.5, 0.5], scores: [0, 1, 1], label: 1 },
      { id: "b", p: [0.5, 0.5], scores: [0, 0.8, 1], label: 2 },
    ];
    const env = randomEnvelope(rows, [0, 0.2, 1]);
    expect(env.map((p) => p.cost)).toEqual([0, 0.2, 1]);
    expect(env[1].pgr).toBeCloseTo(0.9, 12);
    const b = baselines(rows, [0, 0.2, 1], [0, 1, 0]);
    expect(b.random.apgr).toBeCloseTo(0.2 * 0.45 + 0.8 * 0.95, 12);
    expect(b.random.cpt50).toBeCloseTo(0.2 * (0.5 / 0.9), 12);
    // a middle tier below the diagonal drops out of the envelope
    expect(randomEnvelope([{ id: "c", p: [0, 0], scores: [0, 0.1, 1], label: 2 }], [0, 0.5, 1]).map((p) => p.cost)).toEqual([0, 1]);
  });
});
