import { describe, expect, it } from "vitest";
import { policySchema, tierSchema, type PolicyConfigInput } from "./config-schema";
import { projectBias, projectCurve, tierBaselines, type ProjectionRow } from "./project-bias";

// Prices chosen so the numbers are easy by hand: with 1,000 prompt + 1,000 output tokens,
// cheap costs $0.002 and capable $0.022 a request; Δ = $0.02, λ0 = $0.04. At the reference
// size the two-tier threshold is 1 at bias 0, 0.5 at bias 0.5 and 0.01 at bias 1.
const tiers = [
  tierSchema.parse({ name: "cheap", provider: "simulated", model: "small", inputUsdPerMTok: 1, outputUsdPerMTok: 1 }),
  tierSchema.parse({ name: "mid", provider: "simulated", model: "medium", inputUsdPerMTok: 5, outputUsdPerMTok: 5 }),
  tierSchema.parse({ name: "capable", provider: "simulated", model: "large", inputUsdPerMTok: 11, outputUsdPerMTok: 11 }),
];

function policy(extra: Partial<PolicyConfigInput> = {}) {
  return policySchema.parse({ name: "p", tiers: ["cheap", "capable"], expectedOutputTokens: 1000, referencePromptTokens: 1000, ...extra });
}

const row = (p: number, cheap: number, capable: number, promptTokens = 1000): ProjectionRow => ({ p: [p], score: [cheap, capable], promptTokens });
const SAMPLE = [row(0.2, 1, 1), row(0.6, 0, 1), row(0.9, 0, 1), row(0.005, 1, 0.5)];

describe("projectBias", () => {
  it("matches hand-computed shares, quality and cost at bias 0.5", () => {
    const out = projectBias(SAMPLE, policy(), tiers, 0.5);
    expect(out.n).toBe(4);
    expect(out.shares).toEqual([0.5, 0.5]);
    expect(out.quality).toBeCloseTo(1, 12); // cheap on rows 0 and 3 (1, 1), capable on 1 and 2 (1, 1)
    expect(out.costPer1k).toBeCloseTo(12, 9); // 1000 × (2 × 0.002 + 2 × 0.022) / 4
  });

  it("sends everything to the cheapest tier at bias 0 when p < 1 (requests of reference size)", () => {
    const out = projectBias(SAMPLE, policy(), tiers, 0);
    expect(out.shares).toEqual([1, 0]);
    expect(out.quality).toBeCloseTo(0.5, 12); // (1 + 0 + 0 + 1) / 4
    expect(out.costPer1k).toBeCloseTo(2, 9);
  });

  it("sends more to the capable tier at bias 1 (threshold 0.01)", () => {
    const out = projectBias(SAMPLE, policy(), tiers, 1);
    expect(out.shares).toEqual([0.25, 0.75]); // only p = 0.005 stays cheap
    expect(out.quality).toBeCloseTo(1, 12);
    expect(out.costPer1k).toBeCloseTo((1000 * (3 * 0.022 + 0.002)) / 4, 9);
    expect(out.shares[1]).toBeGreaterThan(projectBias(SAMPLE, policy(), tiers, 0.5).shares[1]!);
  });

  it("escalates at p exactly on the threshold, like the engine (ties go up)", () => {
    expect(projectBias([row(0.5, 0, 1)], policy(), tiers, 0.5).shares).toEqual([0, 1]);
    expect(projectBias([row(0.4999, 0, 1)], policy(), tiers, 0.5).shares).toEqual([1, 0]);
  });

  it("scales the threshold with request size: a smaller request escalates at a lower p", () => {
    // 200 prompt tokens: Δ = 1200 × 10 / 1e6 = 0.012; threshold at 0.5 = 0.012 / 0.04 = 0.3
    expect(projectBias([row(0.31, 0, 1, 200)], policy(), tiers, 0.5).shares).toEqual([0, 1]);
    expect(projectBias([row(0.29, 0, 1, 200)], policy(), tiers, 0.5).shares).toEqual([1, 0]);
  });

  it("keeps shares summing to 1 and handles three tiers, rules and the speculative shortcut", () => {
    const three = policy({ tiers: ["cheap", "mid", "capable"], speculative: { enabled: true, threshold: 0.8 } });
    const sample: ProjectionRow[] = [
      { p: [0.1, 0.05], score: [1, 1, 1], promptTokens: 1000 },
      { p: [0.95, 0.85], score: [0, 0.5, 1], promptTokens: 1000 }, // speculative → capable
      { p: [0.9, 0.1], score: [0, 1, 1], promptTokens: 1000, ruleTier: 0 }, // a rule pins it to cheap
    ];
    for (const bias of [0, 0.3, 0.5, 0.8, 1]) {
      const out = projectBias(sample, three, tiers, bias);
      expect(out.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(out.shares[2]).toBeGreaterThanOrEqual(1 / 3); // the speculative row, at every bias
      expect(out.shares[0]).toBeGreaterThanOrEqual(1 / 3); // the rule row, at every bias
    }
    const noSpec = policy({ tiers: ["cheap", "mid", "capable"] });
    expect(projectBias(sample, noSpec, tiers, 0).shares[2]).toBe(0);
  });

  it("leaves disabled tiers out and reports n = 0 shares for an empty sample", () => {
    const disabled = tiers.map((t) => (t.name === "capable" ? { ...t, enabled: false } : t));
    expect(projectBias(SAMPLE, policy(), disabled, 1).shares).toEqual([1, 0]);
    expect(projectBias([], policy(), tiers, 0.5)).toEqual({ bias: 0.5, n: 0, shares: [0, 0], quality: 0, costPer1k: 0 });
  });
});

describe("projectCurve", () => {
  it("has 21 points from 0 to 1, with quality and cost non-decreasing for a monotone sample", () => {
    // Monotone: the capable answer is never worse than the cheap one; p spread over (0, 1).
    const sample = Array.from({ length: 200 }, (_, i) => {
      const p = (i + 0.5) / 200;
      return row(p, p < 0.5 ? 1 : 0.2, 1, 300 + ((i * 37) % 1500));
    });
    const curve = projectCurve(sample, policy(), tiers);
    expect(curve.map((c) => c.bias)).toEqual(Array.from({ length: 21 }, (_, i) => Number((i * 0.05).toFixed(2))));
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i]!.quality).toBeGreaterThanOrEqual(curve[i - 1]!.quality - 1e-12);
      expect(curve[i]!.costPer1k).toBeGreaterThanOrEqual(curve[i - 1]!.costPer1k - 1e-12);
      expect(curve[i]!.shares[1]).toBeGreaterThanOrEqual(curve[i - 1]!.shares[1]!);
    }
    expect(curve[20]!.quality).toBeGreaterThan(curve[0]!.quality);
  });

  it("gives the always-tier baselines at the ends of the trade-off", () => {
    expect(tierBaselines(SAMPLE, policy(), tiers)).toEqual([
      { tier: "cheap", quality: 0.5, costPer1k: expect.closeTo(2, 9) },
      { tier: "capable", quality: 0.875, costPer1k: expect.closeTo(22, 9) },
    ]);
  });
});
