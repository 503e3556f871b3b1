import { describe, expect, it } from "vitest";
import { apgr, costToReach, summarizeCurve } from "./curve-metrics";
import type { EvalRow } from "./eval-types";
import { FOUR } from "../testing/eval-fixtures";
import { routingCurve, sampleCurve, tierSwitches } from "./routing-curve";
import { tierCostWeights } from "./tier-weights";

describe("routingCurve (two tiers)", () => {
  const points = routingCurve(FOUR, [0, 1]);

  it("sweeps from all-cheapest to all-most-capable in order of p", () => {
    expect(points.map((p) => p.cost)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(points.map((p) => p.quality)).toEqual([0.5, 0.75, 0.75, 1, 0.75]);
    expect(points.map((p) => p.pgr)).toEqual([0, 1, 1, 2, 1]);
    expect(points[2].shares).toEqual([0.5, 0.5]);
  });

  it("gives APGR and CPT as hand-computed", () => {
    // trapezoids: .125 + .25 + .375 + .375
    expect(apgr(points)).toBeCloseTo(1.125, 12);
    expect(costToReach(points, 0.5)).toBeCloseTo(0.125, 12);
    expect(costToReach(points, 0.8)).toBeCloseTo(0.2, 12);
    expect(costToReach(points, 0.95)).toBeCloseTo(0.2375, 12);
    expect(costToReach(points, 3)).toBeNaN();
    expect(summarizeCurve(points).cpt80).toBeCloseTo(0.2, 12);
  });

  it("moves tied rows together and scores a random-like order near 0.5", () => {
    const tied = routingCurve(FOUR.map((r) => ({ ...r, p: [0.5] })), [0, 1]);
    expect(tied.map((p) => p.cost)).toEqual([0, 1]);
    expect(apgr(tied)).toBeCloseTo(0.5, 12);
  });

  it("samples long curves for display, keeping both ends", () => {
    const many = routingCurve(Array.from({ length: 500 }, (_, i) => ({ id: String(i), p: [i / 500], scores: [i % 2, 1], label: 1 - (i % 2) })), [0, 1]);
    const s = sampleCurve(many, 21);
    expect(s.length).toBeLessThanOrEqual(22);
    expect(s[0].cost).toBe(0);
    expect(s[s.length - 1].cost).toBe(1);
  });
});

describe("N tiers", () => {
  it("finds where the cost-aware rule switches tiers (hand-computed)", () => {
    // q = [0.8, 0.2, 0]: tier 1 at lambda 0.5/0.6, tier 2 at 0.5/0.2
    const s = tierSwitches([0.8, 0.2], [0, 0.5, 1]);
    expect(s).toHaveLength(2);
    expect(s[0][0]).toBeCloseTo(0.5 / 0.6, 12);
    expect(s[0][1]).toBe(1);
    expect(s[1]).toEqual([2.5, 2]);
    expect(tierSwitches([0.5, 0.5], [0, 0.5, 1])).toEqual([[2, 2]]);
    expect(tierSwitches([0], [0, 1])).toEqual([]);
  });

  it("ends at all-most-capable even when some p are 0", () => {
    const rows: EvalRow[] = [
      { id: "a", p: [0, 0], scores: [0, 0.5, 1], label: 2 },
      { id: "b", p: [0.9, 0.1], scores: [0, 1, 1], label: 1 },
    ];
    const pts = routingCurve(rows, [0, 0.5, 1]);
    expect(pts[0].cost).toBe(0);
    expect(pts[pts.length - 1].shares).toEqual([0, 0, 1]);
    expect(pts[1]).toMatchObject({ cost: 0.25, quality: 0.5, pgr: 0.5 });
  });

  it("weights tiers by mean cost, or evenly without costs", () => {
    expect(tierCostWeights(3, [[1, 2, 5], [1, 4, 5]])).toEqual([0, 0.5, 1]);
    expect(tierCostWeights(3, [[1, Number.NaN, 5]])).toEqual([0, 0.5, 1]);
    expect(tierCostWeights(4)).toEqual([0, 1 / 3, 2 / 3, 1]);
    expect(tierCostWeights(2, [[5, 1]])).toEqual([0, 1]);
  });
});
