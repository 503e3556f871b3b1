import { describe, expect, it } from "vitest";
import { policySchema, tierSchema } from "../routing/config-schema";
import type { ProjectionRow } from "../routing/project-bias";
import { compareImpact, impactWarnings, monthlyVolume } from "./compare-impact";

// As in project-bias.test.ts: 1,000 prompt + 1,000 output tokens cost $0.002 on cheap, $0.022 on
// capable; at bias 0.5 and the reference size the threshold is p >= 0.5.
const tiers = [
  tierSchema.parse({ name: "cheap", provider: "simulated", model: "small", inputUsdPerMTok: 1, outputUsdPerMTok: 1 }),
  tierSchema.parse({ name: "capable", provider: "simulated", model: "large", inputUsdPerMTok: 11, outputUsdPerMTok: 11 }),
];
const policy = policySchema.parse({ name: "p", tiers: ["cheap", "capable"], bias: 0.5, expectedOutputTokens: 1000, referencePromptTokens: 1000 });
const row = (p: number, cheap: number, capable: number): ProjectionRow => ({ p: [p], score: [cheap, capable], promptTokens: 1000 });

describe("monthlyVolume", () => {
  it("scales the last 7 days to 30", () => {
    expect(monthlyVolume(700)).toBe(3000);
    expect(monthlyVolume(0)).toBe(0);
  });
});

describe("compareImpact", () => {
  it("projects both classifiers over the same requests at the saved bias, per 1,000 and per month", () => {
    // the same four requests and qualities; the candidate sends one more to the capable tier
    const before = [row(0.2, 1, 1), row(0.6, 0, 1), row(0.3, 0, 1), row(0.1, 1, 1)];
    const after = [row(0.2, 1, 1), row(0.6, 0, 1), row(0.7, 0, 1), row(0.1, 1, 1)];
    const out = compareImpact({ policy, tiers, beforeRows: before, afterRows: after, names: { before: "v1", after: "v2" }, requestsLastWeek: 7000 });
    expect(out.monthlyRequests).toBe(30_000);
    expect(out.before).toMatchObject({ classifier: "v1", shares: [0.75, 0.25] });
    expect(out.before.quality).toBeCloseTo(0.75, 12);
    expect(out.before.costPer1k).toBeCloseTo(7, 9); // 1000 × (3 × 0.002 + 0.022) / 4
    expect(out.before.costPerMonth).toBeCloseTo(210, 6); // $7 per 1,000 × 30,000
    expect(out.after.quality).toBeCloseTo(1, 12);
    expect(out.after.costPer1k).toBeCloseTo(12, 9);
    expect(out.costChange).toBeCloseTo(12 / 7 - 1, 9);
    expect(out.qualityChange).toBeCloseTo(0.25, 12);
    expect(out.n).toBe(4);
    expect(out.warnings).toEqual(["Cost rises by 71.4% (more than 10%)."]);
  });
});

describe("impactWarnings", () => {
  it("warns when cost rises more than 10% or quality falls, and not otherwise", () => {
    expect(impactWarnings({ quality: 0.8, costPer1k: 10 }, { quality: 0.8, costPer1k: 11 })).toEqual([]);
    expect(impactWarnings({ quality: 0.8, costPer1k: 10 }, { quality: 0.8, costPer1k: 11.01 })).toEqual(["Cost rises by 10.1% (more than 10%)."]);
    expect(impactWarnings({ quality: 0.8, costPer1k: 10 }, { quality: 0.78, costPer1k: 8 })).toEqual(["Quality falls by 2.0 points of adequate answers."]);
    expect(impactWarnings({ quality: 0.8, costPer1k: 10 }, { quality: 0.7999, costPer1k: 10 })).toEqual([]);
    expect(impactWarnings({ quality: 0.8, costPer1k: 0 }, { quality: 0.8, costPer1k: 1 })).toEqual(["Cost rises from nothing."]);
  });
});
