import { describe, expect, it } from "vitest";
import { policySchema, tierSchema } from "@/lib/routing/config-schema";
import type { ProjectionRow } from "@/lib/routing/project-bias";
import { costPerMonth, describeSampleSource, describeVolume, explainBias, prepareBiasView, prepareCurve, projectedImpact } from "./prepare-bias-projection";

const tiers = [
  tierSchema.parse({ name: "fast", provider: "simulated", model: "s", inputUsdPerMTok: 1, outputUsdPerMTok: 1 }),
  tierSchema.parse({ name: "capable", provider: "simulated", model: "l", inputUsdPerMTok: 11, outputUsdPerMTok: 11 }),
];
const policy = policySchema.parse({ name: "p", tiers: ["fast", "capable"], expectedOutputTokens: 1000, referencePromptTokens: 1000 });
const rows: ProjectionRow[] = [0.2, 0.6, 0.9, 0.005].map((p) => ({ p: [p], score: [p < 0.5 ? 1 : 0, 1], promptTokens: 1000 }));

describe("prepareBiasView", () => {
  it("projects the current and the saved position, with tier colours and the change in cost", () => {
    const view = prepareBiasView(rows, policy, tiers, 1, 0.5);
    expect(view.shares).toEqual([
      { tier: "fast", share: 0.25, color: expect.any(String) },
      { tier: "capable", share: 0.75, color: expect.any(String) },
    ]);
    expect(view.saved.costPer1k).toBeCloseTo(12, 9);
    expect(view.costChange).toBeCloseTo(17 / 12 - 1, 9);
    expect(view.qualityChange).toBeCloseTo(0, 9);
    expect(view.baselines.map((b) => b.tier)).toEqual(["fast", "capable"]);
  });

  it("gives a 21-point curve ordered by bias", () => {
    const curve = prepareCurve(rows, policy, tiers);
    expect(curve).toHaveLength(21);
    expect(curve[0]).toEqual({ bias: 0, costPer1k: expect.closeTo(2, 9), quality: 0.5 });
    expect(curve[20]!.costPer1k).toBeCloseTo(17, 9);
  });
});

describe("explainBias", () => {
  it("states the threshold for a typical request in plain words", () => {
    const [lead, typical, short] = explainBias(policy, tiers, 0.5);
    expect(lead).toMatch(/^Balanced \(the calibrated default\): a wrong answer is priced at \$0\.040/);
    expect(typical).toBe("Escalates a typical request (1,000 prompt tokens) from fast to capable when P(needs capable) ≥ 0.50.");
    // 100 prompt tokens: Δ = 1100 × 10 / 1e6 = 0.011; 0.011 / 0.04 = 0.275
    expect(short).toBe("Short requests cost less to escalate: a 100-token one goes to capable from P ≥ 0.28.");
    expect(explainBias(policy, tiers, 1)[1]).toMatch(/≥ 0\.01\.$/);
    expect(explainBias(policy, tiers, 0)[0]).toMatch(/^Cost first/);
  });

  it("says when the bias changes nothing", () => {
    const single = policySchema.parse({ name: "one", tiers: ["fast"] });
    expect(explainBias(single, tiers, 0.5)).toEqual(["This policy has a single usable tier: the bias changes nothing."]);
  });
});

describe("projectedImpact", () => {
  it("summarizes the change for the save dialog", () => {
    expect(projectedImpact(rows, policy, tiers, 1, 0.5)).toBe(
      "Projected on 4 requests: cost per 1,000 $12.00 → $17.00, answers judged adequate 100.0% → 100.0%, share to capable 50.0% → 75.0%.",
    );
    expect(projectedImpact(rows, policy, tiers, 1, 0.5, { requestsLastWeek: 700, monthlyRequests: 3000 })).toBe(
      "Projected on 4 requests: cost per 1,000 $12.00 → $17.00, per month $36.00 → $51.00, answers judged adequate 100.0% → 100.0%, share to capable 50.0% → 75.0%.",
    );
  });
});

describe("costPerMonth and describeVolume", () => {
  it("price a month at the current volume, and say how it was reckoned", () => {
    expect(costPerMonth(12, { requestsLastWeek: 700, monthlyRequests: 3000 })).toBeCloseTo(36, 9);
    expect(costPerMonth(12, null)).toBeNull();
    expect(describeVolume({ requestsLastWeek: 7000, monthlyRequests: 30_000 })).toBe("30,000 requests a month (7,000 in the last 7 days × 30/7)");
    expect(describeVolume(null)).toBe("volume unknown");
  });
});

describe("describeSampleSource", () => {
  it("names the policy's own traffic or the demo rows the projection rests on", () => {
    expect(describeSampleSource({ basis: "traffic", rows: new Array(412), sources: [{ name: "own traffic, last 14 days", rows: 412 }] })).toBe(
      "From 412 requests of this policy (own traffic, last 14 days).",
    );
    expect(describeSampleSource({ basis: "prior", rows: new Array(600), sources: [{ name: "demo (imported)", rows: 600 }] })).toBe(
      "Projected from 600 demo rows (demo (imported)), not from this policy's own traffic.",
    );
  });
});
