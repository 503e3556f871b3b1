import { describe, expect, it } from "vitest";
import type { ConfigFileInput } from "./config-schema";
import { decide } from "./decide";
import { estimateFullPromptTokens, estimatePromptTokens } from "./estimate-tokens";
import { ISSUE_CONFIG, constantHeuristic, fakeClock, makeCtx, makeSnapshot, stubClassifier, userOfTokens } from "./testing/fixtures";
import { isRejection, type Decision, type Rejection } from "./types";

const REFERENCE = userOfTokens(1000); // the policy's reference size

function withPolicy(patch: Record<string, unknown>, tiers = ISSUE_CONFIG.tiers): ConfigFileInput {
  return { tiers, policies: [{ ...ISSUE_CONFIG.policies![0], ...patch }] } as ConfigFileInput;
}

function decided(result: Decision | Rejection): Decision {
  if (isRejection(result)) throw new Error(`rejected: ${result.reason}`);
  return result;
}

const withP = (p: number, config: ConfigFileInput = ISSUE_CONFIG) => makeSnapshot(config, { heuristic: constantHeuristic(p) });

describe("decide: classifier stage", () => {
  it("keeps a reference-size request on fast below p = 0.5 and escalates at 0.5 (bias 0.5)", () => {
    const low = decided(decide(withP(0.49), undefined, { messages: REFERENCE }, makeCtx()));
    const high = decided(decide(withP(0.5), undefined, { messages: REFERENCE }, makeCtx()));
    expect([low.tier, low.stage, high.tier, high.stage]).toEqual(["fast", "classifier", "capable", "classifier"]);
    expect(high.model).toBe("large-model");
    expect(low.reason).toBe("P(needs capable) = 0.49 < threshold 0.50 at bias 0.50 → fast (expected loss $0.0186 vs $0.0190 on capable).");
    expect(high.thresholds.steps[0].minProbability).toBeCloseTo(0.5, 9);
    expect(high.scores).toMatchObject({ p: [0.5], classifier: { id: "builtin", kind: "heuristic" } });
  });

  it("moves with the bias slider", () => {
    const quality = withP(0.1, withPolicy({ bias: 1 }));
    const cost = withP(0.9, withPolicy({ bias: 0 }));
    expect(decided(decide(quality, "default", { messages: REFERENCE }, makeCtx())).tier).toBe("capable");
    expect(decided(decide(cost, "default", { messages: REFERENCE }, makeCtx())).tier).toBe("fast");
  });

  it("plans escalation and fallbacks from a lower tier, none above the top", () => {
    const low = decided(decide(withP(0.2), undefined, { messages: REFERENCE }, makeCtx()));
    expect(low.escalation).toEqual({ nextTier: "capable", path: ["capable"], minConfidence: 0.5, maxSteps: 1, requestLogprobs: true });
    expect(low.fallbacks).toEqual(["capable"]);
    const high = decided(decide(withP(0.9), undefined, { messages: REFERENCE }, makeCtx()));
    expect(high.escalation).toBeNull();
    expect(high.fallbacks).toEqual(["fast"]);
  });

  it("hedges when the deciding probability is inside the band", () => {
    const config = withPolicy({ hedging: { enabled: true, band: [0.3, 0.6], delayMs: 700 } });
    expect(decided(decide(withP(0.4, config), undefined, { messages: REFERENCE }, makeCtx())).hedge).toEqual({ tier: "capable", delayMs: 700 });
    expect(decided(decide(withP(0.1, config), undefined, { messages: REFERENCE }, makeCtx())).hedge).toBeNull();
  });

  it("reports uncertainty: high near the threshold, low far from it", () => {
    expect(decided(decide(withP(0.45), undefined, { messages: REFERENCE }, makeCtx())).uncertainty).toBeCloseTo(0.9, 6);
    expect(decided(decide(withP(0.01), undefined, { messages: REFERENCE }, makeCtx())).uncertainty).toBeCloseTo(0.02, 6);
    expect(decided(decide(withP(0), undefined, { messages: REFERENCE }, makeCtx())).uncertainty).toBe(0);
  });

  it("skips lower tiers speculatively above the threshold", () => {
    const config = withPolicy({ speculative: { enabled: true, threshold: 0.8 }, bias: 0 });
    const d = decided(decide(withP(0.85, config), undefined, { messages: REFERENCE }, makeCtx()));
    expect([d.tier, d.stage, d.escalation]).toEqual(["capable", "speculative", null]);
    expect(decided(decide(withP(0.79, config), undefined, { messages: REFERENCE }, makeCtx())).stage).toBe("classifier");
  });

  it("falls back to the policy default when the classifier fails", () => {
    const broken = stubClassifier(() => {
      throw new Error("model file missing");
    }, 2, "v3");
    const snapshot = makeSnapshot(withPolicy({ fallback: "cost-first" }), { classifiers: { default: broken } });
    const d = decided(decide(snapshot, undefined, { messages: REFERENCE }, makeCtx()));
    expect([d.tier, d.stage]).toEqual(["fast", "fallback"]);
    expect(d.reason).toBe("classifier v3 failed: model file missing: policy default (cost-first) → fast.");
    const quality = makeSnapshot(ISSUE_CONFIG, { classifiers: { default: broken } });
    expect(decided(decide(quality, undefined, { messages: REFERENCE }, makeCtx())).tier).toBe("capable");
  });

  it("moves off a tier whose breaker is open, to the best available one", () => {
    const d = decided(decide(withP(0.9), undefined, { messages: REFERENCE }, makeCtx({ unhealthy: ["capable"] })));
    expect([d.tier, d.stage]).toEqual(["fast", "fallback"]);
    expect(d.reason).toMatch(/but capable is unhealthy \(circuit open\): fallback to fast/);
    expect(d.escalation).toBeNull();
    expect(d.fallbacks).toEqual(["capable"]);
  });
});

describe("decide: real token counts where they can change the choice", () => {
  const counter = (tokens: number) => {
    const calls: string[] = [];
    return { calls, exactTokens: (tier: { name: string }) => (calls.push(tier.name), { tokens, encoding: "o200k_base" }) };
  };

  it("lets the estimate decide when every count in its band gives the same tier, and says so", () => {
    const c = counter(3000);
    const d = decided(decide(withP(0.05), undefined, { messages: REFERENCE }, makeCtx({ exactTokens: c.exactTokens })));
    expect(c.calls).toEqual([]);
    expect(d.tier).toBe("fast");
    expect(d.thresholds.promptTokens).toBe(1000);
    expect(d.thresholds.promptTokensCounted).toBeUndefined();
    expect(d.trace.some((s) => s.stage === "choose" && /prompt ~1000 tokens \(estimate from a sample\): any real count in \d+–\d+ gives the same choice/.test(s.detail))).toBe(true);
  });

  it("counts when the band spans the threshold, and the count decides both ways", () => {
    // p = 0.5 is the threshold at exactly the reference size; a bigger real prompt raises it (fast), a smaller one lowers it (capable)
    for (const [tokens, tier] of [[1150, "fast"], [850, "capable"]] as const) {
      const c = counter(tokens);
      const d = decided(decide(withP(0.5), undefined, { messages: REFERENCE }, makeCtx({ exactTokens: c.exactTokens })));
      expect(c.calls.length).toBeGreaterThan(0);
      expect(d.tier).toBe(tier);
      expect(d.thresholds).toMatchObject({ promptTokens: tokens, promptTokensCounted: "o200k_base" });
      expect(d.trace.find((s) => s.stage === "choose" && s.detail.startsWith("prompt counted"))?.detail).toMatch(new RegExp(`^prompt counted: ${tokens} tokens \\(o200k_base\\); the estimate's band \\d+–\\d+ spans a threshold$`));
    }
  });

  it("narrows a long prompt's sampled band with the full pass first, and counts only when that still spans the threshold", () => {
    const text = [REFERENCE[0]!.content];
    const sampled = estimatePromptTokens(text);
    const full = estimateFullPromptTokens(text);
    expect(sampled.sampled).toBe(true);
    expect(full.hi - full.lo).toBeLessThan(sampled.hi - sampled.lo);
    // at p = 0.5 the threshold sits at the reference size: inside both bands, so the prompt is counted — with the full pass's band in the trace
    const spans = decided(decide(withP(0.5), undefined, { messages: REFERENCE }, makeCtx({ exactTokens: counter(1000).exactTokens })));
    expect(spans.trace.find((s) => s.detail.startsWith("prompt counted"))?.detail).toContain(`band ${full.lo}–${full.hi} spans`);
    // somewhere between, the threshold lies inside the sample's band but outside the full pass's: refined, nothing counted
    const outcomes = new Set<string>();
    for (let p = 0.3; p <= 0.7; p += 0.005) {
      const c = counter(1000);
      const d = decided(decide(withP(p), undefined, { messages: REFERENCE }, makeCtx({ exactTokens: c.exactTokens })));
      const line = d.trace.find((s) => s.stage === "choose" && s.detail.startsWith("prompt "))!.detail;
      outcomes.add(c.calls.length > 0 ? "counted" : line.includes("(estimate from a sample)") ? "sample" : "full pass");
      if (line.includes("(estimate):")) expect(line).toContain(`${full.lo}–${full.hi}`);
    }
    expect([...outcomes].sort()).toEqual(["counted", "full pass", "sample"]);
  });

  it("never counts for a rule, a pin or a speculative skip", () => {
    const c = counter(1000);
    const config = withPolicy({ speculative: { enabled: true, threshold: 0.8 } });
    expect(decided(decide(withP(0.95, config), undefined, { messages: REFERENCE }, makeCtx({ exactTokens: c.exactTokens }))).stage).toBe("speculative");
    expect(decided(decide(withP(0.5), undefined, { messages: REFERENCE }, makeCtx({ exactTokens: c.exactTokens, pinnedTier: "fast" }))).stage).toBe("pinned");
    expect(c.calls).toEqual([]);
  });
});

describe("decide: precedence of stages", () => {
  const snapshot = withP(0.9);

  it("rules first: a keyword beats the classifier", () => {
    const d = decided(decide(snapshot, undefined, { messages: [{ role: "user", content: "What are your opening hours?" }] }, makeCtx()));
    expect([d.tier, d.stage, d.rule, d.scores]).toEqual(["fast", "rule", "hours", null]);
    expect(d.reason).toBe('Rule "hours" matched keyword "opening hours" → fast.');
    expect(d.escalation?.nextTier).toBe("capable");
  });

  it("rules beat the session pin, the pin beats the classifier", () => {
    const byRule = decided(decide(snapshot, undefined, { messages: REFERENCE, category: "dispute" }, makeCtx({ pinnedTier: "fast" })));
    expect([byRule.tier, byRule.stage]).toEqual(["capable", "rule"]);
    const pinned = decided(decide(snapshot, undefined, { messages: REFERENCE }, makeCtx({ pinnedTier: "fast" })));
    expect([pinned.tier, pinned.stage, pinned.escalation?.nextTier]).toEqual(["fast", "pinned", "capable"]);
  });

  it("ignores a pin to an unhealthy tier, with a trace note", () => {
    const d = decided(decide(withP(0.1), undefined, { messages: REFERENCE }, makeCtx({ pinnedTier: "capable", unhealthy: ["capable"] })));
    expect(d.stage).toBe("classifier");
    expect(d.trace.find((s) => s.stage === "pinned")).toMatchObject({ outcome: "skip" });
  });

  it("bypass: a tier named as model wins over rules and pins", () => {
    const d = decided(decide(snapshot, undefined, { messages: [{ role: "user", content: "opening hours" }], explicitTier: "capable" }, makeCtx({ pinnedTier: "fast" })));
    expect([d.tier, d.stage, d.fallbacks, d.escalation]).toEqual(["capable", "bypass", [], null]);
    expect(decide(snapshot, undefined, { messages: REFERENCE, explicitTier: "nope" }, makeCtx())).toMatchObject({ rejected: "unknown-tier" });
  });

  it("budget: reject, or downgrade to the cheapest tier even over a bypass", () => {
    const over = { spentUsd: 50, capUsd: 50 };
    expect(decide(snapshot, undefined, { messages: REFERENCE }, makeCtx({ budget: { ...over, overBudget: "reject" } }))).toMatchObject({ rejected: "budget" });
    const d = decided(decide(snapshot, undefined, { messages: REFERENCE, explicitTier: "capable" }, makeCtx({ budget: { ...over, overBudget: "downgrade" } })));
    expect([d.tier, d.stage, d.escalation, d.hedge]).toEqual(["fast", "budget", null, null]);
  });

  it("a rule whose tier is down falls back along the chain", () => {
    const d = decided(decide(snapshot, undefined, { messages: REFERENCE, category: "dispute" }, makeCtx({ unhealthy: ["capable"] })));
    expect([d.tier, d.stage, d.rule]).toEqual(["fast", "fallback", "disputes"]);
  });
});

describe("decide: policies, tiers and the trace", () => {
  it("rejects an unknown policy and a policy without enabled tiers", () => {
    expect(decide(withP(0.5), "nope", { messages: REFERENCE }, makeCtx())).toMatchObject({ rejected: "unknown-policy" });
    const disabled = { ...ISSUE_CONFIG, tiers: ISSUE_CONFIG.tiers!.map((t) => ({ ...t, enabled: false })) };
    expect(decide(withP(0.5, disabled), undefined, { messages: REFERENCE }, makeCtx())).toMatchObject({ rejected: "no-tier" });
  });

  it("routes among the enabled tiers only", () => {
    const onlyFast = { ...ISSUE_CONFIG, tiers: ISSUE_CONFIG.tiers!.map((t) => ({ ...t, enabled: t.name === "fast" })) };
    const d = decided(decide(withP(0.99, onlyFast), undefined, { messages: REFERENCE, category: "dispute" }, makeCtx()));
    expect([d.tier, d.fallbacks, d.escalation]).toEqual(["fast", [], null]);
    expect(d.trace.some((s) => s.stage === "rules" && s.outcome === "skip" && s.detail.includes('"disputes"'))).toBe(true);
  });

  it("times each stage in microseconds with the injected clock, 0 without one", () => {
    const timed = decided(decide(withP(0.3), undefined, { messages: REFERENCE }, makeCtx({ clock: fakeClock(0, 0.002) })));
    expect(timed.trace.map((s) => s.stage)).toEqual(["budget", "rules", "pinned", "classifier", "choose", "plan"]);
    expect(timed.trace.every((s) => s.micros === 2)).toBe(true);
    expect(decided(decide(withP(0.3), undefined, { messages: REFERENCE }, makeCtx())).trace.every((s) => s.micros === 0)).toBe(true);
  });

  it("is deterministic for the same inputs and seed, and samples for labeling from the rng", () => {
    const run = (seed: number) => decided(decide(withP(0.3, withPolicy({ labeling: { randomRate: 0.5 } })), undefined, { messages: REFERENCE }, makeCtx({ rng: () => seed })));
    expect(run(0.2)).toEqual(run(0.2));
    expect(run(0.2).labelCandidate).toBe("random");
    expect(run(0.7).labelCandidate).toBeNull();
    const uncertain = decided(decide(withP(0.49), undefined, { messages: REFERENCE }, makeCtx({ rng: () => 0.99 })));
    expect(uncertain.labelCandidate).toBe("uncertain");
  });
});

describe("decide: three tiers", () => {
  const config: ConfigFileInput = {
    tiers: [
      { name: "s", provider: "simulated", model: "s-model", inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.4 },
      { name: "m", provider: "simulated", model: "m-model", inputUsdPerMTok: 1, outputUsdPerMTok: 4 },
      { name: "l", provider: "simulated", model: "l-model", inputUsdPerMTok: 10, outputUsdPerMTok: 40 },
    ],
    policies: [{ name: "p", tiers: ["s", "m", "l"], hedging: { enabled: true, band: [0.05, 0.5] } }],
  };

  it("picks the middle tier without extra knobs and explains with every step's probability", () => {
    const snapshot = makeSnapshot(config, { classifiers: { p: stubClassifier([0.9, 0.1], 3) } });
    const d = decided(decide(snapshot, "p", { messages: REFERENCE }, makeCtx()));
    expect([d.tier, d.model, d.stage]).toEqual(["m", "m-model", "classifier"]);
    expect(d.reason).toMatch(/^m has the lowest expected loss at bias 0\.50 .*; P\(needs ≥ m\) = 0\.90, P\(needs ≥ l\) = 0\.10\.$/);
    expect(d.escalation?.nextTier).toBe("l");
    expect(d.hedge).toEqual({ tier: "l", delayMs: 1500 });
    expect(d.fallbacks).toEqual(["l", "s"]);
    expect(d.scores?.expectedLossUsd).toHaveLength(3);
  });

  it("skips an unhealthy middle tier when escalating", () => {
    const snapshot = makeSnapshot(config, { classifiers: { p: stubClassifier([0.2, 0.01], 3) } });
    const d = decided(decide(snapshot, "p", { messages: REFERENCE }, makeCtx({ unhealthy: ["m"] })));
    expect(d.tier).toBe("s");
    expect(d.escalation?.nextTier).toBe("l");
    expect(d.fallbacks).toEqual(["l", "m"]);
  });
});
