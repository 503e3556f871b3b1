import { describe, expect, it } from "vitest";
import { makeSnapshot } from "../../routing/testing/fixtures";
import { configFileSchema } from "../../routing/config-schema";
import { applyDraft } from "../candidate";
import { QualityAccumulator } from "./estimate-quality";
import { parseTranscript } from "../../routing/transcript";
import { labelReward, shadowReward, type LoggedRequest } from "./logged-request";
import { replayRequest } from "./replay-request";

describe("parseTranscript", () => {
  it("turns the stored transcript back into turns, blank lines inside a message included", () => {
    expect(parseTranscript("system: Be brief.\n\nuser: Hi\n\nthere\n\nassistant: Hello\n\nuser: Bye")).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi\n\nthere" },
      { role: "assistant", content: "Hello" },
      { role: "user", content: "Bye" },
    ]);
    expect(parseTranscript("no role prefix")).toEqual([{ role: "user", content: "no role prefix" }]);
  });

  it("reads a label as the served answer's quality", () => {
    expect([labelReward("correct"), labelReward("should-be-cheaper"), labelReward("should-be-more-capable"), labelReward(null)]).toEqual([1, 1, 0, null]);
  });
});

describe("shadow pairs as direct evidence", () => {
  it("read as a quality for each tier of the pair", () => {
    const pair = (verdict: string) => ({ servedTier: "a", shadowTier: "b", verdict });
    expect(["a", "b", "c"].map((t) => shadowReward(pair("shadow-better"), t))).toEqual([0, 1, null]);
    expect(["a", "b"].map((t) => shadowReward(pair("tie"), t))).toEqual([1, 1]);
    expect(["a", "b"].map((t) => shadowReward(pair("equal"), t))).toEqual([1, 1]);
    expect(["a", "b"].map((t) => shadowReward(pair("served-better"), t))).toEqual([1, null]);
    expect(["a", "b"].map((t) => shadowReward(pair("different"), t))).toEqual([0, 1]);
  });

  it("correct the estimate for the tier above the logged one, weighted by the shadow rate", async () => {
    const config = configFileSchema.parse({
      tiers: [{ name: "a", provider: "simulated", model: "a", inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.1 }, { name: "b", provider: "simulated", model: "b", inputUsdPerMTok: 5, outputUsdPerMTok: 5 }],
      policies: [{ name: "p", tiers: ["a", "b"], rules: [{ name: "all", match: { regex: "." }, tier: "b" }], escalation: { enabled: false } }],
    });
    const attempt = { tier: "a", model: "a", ms: 100, outcome: "ok" as const, promptTokens: 10, completionTokens: 10, costUsd: 0.000002 };
    const logged: LoggedRequest = {
      id: "r1", createdAt: new Date(), policy: "p", servedTier: "a", prompt: "user: hello", promptTokens: 10, completionTokens: 10, costUsd: attempt.costUsd, status: "ok",
      decision: { tier: "a", stage: "classifier", propensities: [1, 0] }, attempts: [attempt], randomLabel: null,
      shadow: { servedTier: "a", shadowTier: "b", verdict: "shadow-better" },
    };
    const ctx = { snapshot: makeSnapshot(config), policy: "p", latencyMs: () => 500, rng: () => 0.5, labelRate: 0, shadowRate: 0.5, classifierChanged: false, confidentAdequacy: () => 1 };
    const r = await replayRequest(ctx, logged);
    if (!r.replayable) throw new Error("not replayable");
    expect(r.candidate.served).toBe("b");
    expect(r.correction).toMatchObject({ reward: 1, weight: 2, source: "shadow" });
    expect(r.loggedCorrection).toMatchObject({ reward: 0, weight: 2, source: "shadow" });
    // a label on the logged answer speaks first for the logged tier
    const labeled = await replayRequest(ctx, { ...logged, randomLabel: "correct" });
    if (!labeled.replayable) throw new Error("not replayable");
    expect(labeled.loggedCorrection).toMatchObject({ reward: 1, source: "label" });
    // without a pair there is nothing to correct the tier above with
    const bare = await replayRequest(ctx, { ...logged, shadow: null });
    if (!bare.replayable) throw new Error("not replayable");
    expect(bare.correction).toBeNull();
  });
});

describe("QualityAccumulator", () => {
  it("without evidence reports the model's mean with a sampling interval", () => {
    const acc = new QualityAccumulator();
    for (const q of [0.9, 0.8, 1, 0.7]) acc.add(q, null);
    const r = acc.result();
    expect(r).toMatchObject({ method: "model", evidence: 0, ess: null, n: 4 });
    expect(r.value).toBeCloseTo(0.85, 9);
    expect(r.low!).toBeLessThan(0.85);
    expect(r.high!).toBeGreaterThan(0.85);
  });

  it("corrects a biased model with labels (doubly robust) and reports IPS and the effective sample size", () => {
    // the model says 0.9 everywhere; truth is 0.5. A 10 % random sample is labeled (weight 10).
    const acc = new QualityAccumulator();
    for (let i = 0; i < 1000; i++) {
      const labeled = i % 10 === 0;
      const reward = (i / 10) % 2 === 0 ? 1 : 0;
      acc.add(0.9, labeled ? { reward, modelLogged: 0.9, weight: 10 } : null);
    }
    const r = acc.result();
    expect(r.method).toBe("doubly-robust");
    expect(r.model).toBeCloseTo(0.9, 9);
    expect(r.dr).toBeCloseTo(0.5, 9);
    expect(r.ips).toBeCloseTo(0.5, 9);
    expect(r.evidence).toBe(100);
    expect(r.ess).toBeCloseTo(100, 9);
  });
});

describe("applyDraft", () => {
  const current = configFileSchema.parse({
    tiers: [{ name: "a", provider: "simulated", model: "a" }, { name: "b", provider: "simulated", model: "b" }],
    policies: [{ name: "p", tiers: ["a", "b"], escalation: { minConfidence: 0.6 } }],
  });

  it("merges a policy draft by name, option groups key by key", () => {
    const next = applyDraft(current, { policies: [{ name: "p", bias: 0.8, escalation: { maxSteps: 2 } }] });
    expect(next.policies[0]).toMatchObject({ bias: 0.8, escalation: { minConfidence: 0.6, maxSteps: 2, enabled: true } });
    expect(() => makeSnapshot(next)).not.toThrow();
  });

  it("refuses an invalid draft with every problem by path", () => {
    expect(() => applyDraft(current, { policies: [{ name: "p", bias: 3, tiers: ["a", "nope"] }] })).toThrow(/policies\[0\]\.bias/);
  });
});
