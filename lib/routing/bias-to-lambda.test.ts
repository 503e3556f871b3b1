import { describe, expect, it } from "vitest";
import { decisionCosts, lambdaForBias, thresholdsForBias, tierCostUsd } from "./bias-to-lambda";
import { configFileSchema, type ConfigFileInput } from "./config-schema";
import { resolvePolicyTiers } from "./policy-tiers";
import { ISSUE_CONFIG } from "./testing/fixtures";

const file = configFileSchema.parse(ISSUE_CONFIG);
const policy = file.policies[0];
const tiers = file.tiers;

function threeTier(): ConfigFileInput {
  return {
    tiers: [
      { name: "s", provider: "simulated", model: "s", inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.4 },
      { name: "m", provider: "simulated", model: "m", inputUsdPerMTok: 1, outputUsdPerMTok: 4 },
      { name: "l", provider: "simulated", model: "l", inputUsdPerMTok: 10, outputUsdPerMTok: 40 },
    ],
    policies: [{ name: "p", tiers: ["s", "m", "l"] }],
  };
}

describe("thresholdsForBias", () => {
  it("is calibrated: bias 0.5 escalates a reference-size request at p = 0.5", () => {
    const t = thresholdsForBias(policy, tiers, 0.5);
    expect(t.steps).toHaveLength(1);
    expect(t.steps[0]).toMatchObject({ from: "fast", to: "capable" });
    expect(t.steps[0].minProbability).toBeCloseTo(0.5, 12);
    expect(t.promptTokens).toBe(policy.referencePromptTokens);
  });

  it("spans cost first (threshold 1) to quality first (threshold 0.01)", () => {
    expect(thresholdsForBias(policy, tiers, 0).steps[0].minProbability).toBeCloseTo(1, 12);
    expect(thresholdsForBias(policy, tiers, 1).steps[0].minProbability).toBeCloseTo(0.01, 12);
  });

  it("lowers the threshold strictly as the bias rises", () => {
    const values = Array.from({ length: 21 }, (_, i) => thresholdsForBias(policy, tiers, i / 20).steps[0].minProbability);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1]);
  });

  it("moves λ log-linearly within each half of the slider", () => {
    const resolved = resolvePolicyTiers(policy, tiers);
    const l = (b: number) => lambdaForBias(policy, resolved, b);
    expect(l(0.25) / l(0)).toBeCloseTo(Math.SQRT2, 9);
    expect(l(0.5) / l(0.25)).toBeCloseTo(Math.SQRT2, 9);
    expect(l(0.75) / l(0.5)).toBeCloseTo(Math.sqrt(50), 9);
    expect(l(1) / l(0)).toBeCloseTo(100, 9);
  });

  it("asks more of bigger requests, which cost more to escalate", () => {
    const small = thresholdsForBias(policy, tiers, 0.5, { promptTokens: 100 }).steps[0].minProbability;
    const big = thresholdsForBias(policy, tiers, 0.5, { promptTokens: 3000 }).steps[0].minProbability;
    expect(small).toBeLessThan(0.5);
    expect(big).toBeGreaterThan(0.5);
  });

  it("keeps its meaning when tier prices are equal, with a nominal ladder", () => {
    const free = configFileSchema.parse({ ...threeTier(), tiers: threeTier().tiers!.map((t) => ({ ...t, inputUsdPerMTok: 0, outputUsdPerMTok: 0 })) });
    const t = thresholdsForBias(free.policies[0], free.tiers, 0.5);
    expect(t.nominalCosts).toBe(true);
    expect(t.steps.map((s) => s.minProbability)).toEqual([0.25, 0.25].map((v) => expect.closeTo(v, 12)));
  });

  it("splits the calibrated 0.5 over the steps of a three-tier policy in proportion to cost", () => {
    const three = configFileSchema.parse(threeTier());
    const t = thresholdsForBias(three.policies[0], three.tiers, 0.5);
    expect(t.steps.map((s) => `${s.from}->${s.to}`)).toEqual(["s->m", "m->l"]);
    expect(t.steps[0].minProbability + t.steps[1].minProbability).toBeCloseTo(0.5, 12);
    expect(t.steps[1].minProbability / t.steps[0].minProbability).toBeCloseTo(10, 9);
  });

  it("leaves disabled tiers out of the steps", () => {
    const cfg = threeTier();
    const three = configFileSchema.parse({ ...cfg, tiers: cfg.tiers!.map((t) => (t.name === "m" ? { ...t, enabled: false } : t)) });
    const t = thresholdsForBias(three.policies[0], three.tiers, 0.5);
    expect(t.steps.map((s) => `${s.from}->${s.to}`)).toEqual(["s->l"]);
    expect(t.steps[0].minProbability).toBeCloseTo(0.5, 12);
  });

  it("reports the speculative threshold and hedge band only when enabled", () => {
    expect(thresholdsForBias(policy, tiers)).toMatchObject({ speculative: null, hedgeBand: null, bias: 0.5 });
    const on = { ...policy, speculative: { enabled: true, threshold: 0.8 }, hedging: { enabled: true, band: [0.2, 0.6] as [number, number], delayMs: 10 } };
    expect(thresholdsForBias(on, tiers)).toMatchObject({ speculative: 0.8, hedgeBand: [0.2, 0.6] });
  });
});

describe("costs", () => {
  it("prices tokens per million", () => {
    expect(tierCostUsd(tiers[1], 1000, 300)).toBeCloseTo((1000 * 10 + 300 * 30) / 1e6, 15);
  });

  it("gives null for unusable tiers", () => {
    const costs = decisionCosts(policy, [tiers[0], null], 100);
    expect(costs.costs[1]).toBeNull();
    expect(lambdaForBias(policy, [tiers[0], null], 0.5)).toBe(0);
  });
});
