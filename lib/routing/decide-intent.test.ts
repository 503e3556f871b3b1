import { describe, expect, it } from "vitest";
import { loadIntentModel } from "../classifier/intent/load-intent-model";
import { trainIntentModel } from "../classifier/intent/train-intent";
import { syntheticIntents } from "../classifier/testing/synthetic-intents";
import type { ConfigFileInput, PolicyConfigInput } from "./config-schema";
import { decide } from "./decide";
import { fakeClock, ISSUE_CONFIG, makeCtx, makeSnapshot } from "./testing/fixtures";
import { isRejection, type Decision } from "./types";

// a real (small) intent model: keyword intents, unrelated words out of scope
const { artifact } = trainIntentModel(syntheticIntents(40, 1, 30), syntheticIntents(15, 2, 15), {
  featurizer: { bits: 10, charNgrams: null, maxChars: 200 },
  l2: 1e-3,
  domains: { card_arrival: "banking", balance: "banking", weather: "utility" },
});
const intentModel = loadIntentModel(artifact);

const CARD = "when will my card arrive by post";
const BALANCE = "what is the balance of my account funds";
const WEATHER = "what is the weather forecast rain";
const OOS = "a chess poem about a volcano";

function config(intent: PolicyConfigInput["intent"], extra: Partial<PolicyConfigInput> = {}): ConfigFileInput {
  const base = ISSUE_CONFIG.policies![0]!;
  return { ...ISSUE_CONFIG, policies: [{ ...base, intent, ...extra }] };
}

function route(cfg: ConfigFileInput, text: string, ctx = makeCtx()): Decision {
  const d = decide(makeSnapshot(cfg, { intentModel }), undefined, { messages: [{ role: "user", content: text }] }, ctx);
  if (isRejection(d)) throw new Error(d.reason);
  return d;
}

const intentSteps = (d: Decision) => d.trace.filter((s) => s.stage === "intent");

describe("decide: the intent stage", () => {
  const mapped = { enabled: true, map: { card_arrival: "fast", "domain:utility": "capable" } };

  it("decides a confident mapped intent, with a trace entry timed in µs", () => {
    const d = route(config(mapped), CARD, makeCtx({ clock: fakeClock() }));
    expect(d).toMatchObject({ tier: "fast", stage: "intent", intent: { intent: "card_arrival", domain: "banking", outOfScope: false } });
    expect(d.reason).toMatch(/^Intent "card_arrival" \(p 0\.\d\d\) → fast\.$/);
    const [step] = intentSteps(d);
    expect(step).toMatchObject({ outcome: "hit" });
    expect(step!.micros).toBeGreaterThan(0);
    expect(d.uncertainty).toBe(0);
    expect(d.fallbacks).toEqual(["capable"]);
  });

  it("maps by domain when the intent itself is not mapped", () => {
    const d = route(config(mapped), WEATHER);
    expect(d).toMatchObject({ tier: "capable", stage: "intent" });
    expect(d.reason).toContain("(domain:utility)");
  });

  it("an unmapped intent is a miss: the classifier decides", () => {
    const d = route(config(mapped), BALANCE);
    expect(d.stage).toBe("classifier");
    expect(intentSteps(d)).toEqual([expect.objectContaining({ outcome: "miss", detail: expect.stringContaining("not mapped") })]);
    expect(d.uncertainty).toBeLessThan(1);
  });

  it("below minConfidence is a miss", () => {
    const d = route(config({ ...mapped, minConfidence: 0.999 }), CARD);
    expect(d.stage).toBe("classifier");
    expect(intentSteps(d)[0]!.detail).toContain("< minConfidence 0.999");
  });

  it("out of scope, mode classifier: the classifier decides and the decision is uncertain (a labeling candidate)", () => {
    const d = route(config(mapped), OOS);
    expect(d.stage).toBe("classifier");
    expect(d.intent?.outOfScope).toBe(true);
    expect(d.uncertainty).toBe(1);
    expect(d.labelCandidate).toBe("uncertain");
    expect(intentSteps(d)[0]!.detail).toMatch(/^out of scope/);
  });

  it("out of scope, mode fallback-mode: the policy's fallback mode picks the tier", () => {
    const quality = route(config({ ...mapped, outOfScope: "fallback-mode" }, { fallback: "quality-first" }), OOS);
    expect(quality).toMatchObject({ tier: "capable", stage: "intent", uncertainty: 1, labelCandidate: "uncertain" });
    expect(quality.reason).toContain("Out of scope");
    const cost = route(config({ ...mapped, outOfScope: "fallback-mode" }, { fallback: "cost-first" }), OOS);
    expect(cost).toMatchObject({ tier: "fast", stage: "intent", uncertainty: 1 });
    // the most capable usable tier: an unhealthy one is passed over
    const moved = route(config({ ...mapped, outOfScope: "fallback-mode" }), OOS, makeCtx({ unhealthy: ["capable"] }));
    expect(moved.tier).toBe("fast");
  });

  it("disabled (the default): no intent stage at all", () => {
    const d = route(config(undefined), CARD);
    expect(d.stage).toBe("classifier");
    expect(intentSteps(d)).toEqual([]);
    expect(d.intent).toBeUndefined();
  });

  it("rules come first; an unhealthy mapped tier falls back like a rule's", () => {
    expect(route(config(mapped), `${CARD} opening hours`).stage).toBe("rule");
    const d = route(config({ enabled: true, map: { card_arrival: "capable" } }), CARD, makeCtx({ unhealthy: ["capable"] }));
    expect(d).toMatchObject({ tier: "fast", stage: "fallback" });
  });

  it("enabled without a loaded model: skipped with a trace note", () => {
    const snapshot = makeSnapshot(config(mapped));
    expect(snapshot.warnings.join()).toContain("no intent model is loaded");
    const d = decide(snapshot, undefined, { messages: [{ role: "user", content: CARD }] }, makeCtx());
    expect(isRejection(d) ? null : d.stage).toBe("classifier");
    expect(d.trace.find((s) => s.stage === "intent")).toMatchObject({ outcome: "skip" });
  });

  it("warns about map keys the model cannot predict", () => {
    const snapshot = makeSnapshot(config({ enabled: true, map: { not_an_intent: "fast", "domain:space": "fast" } }), { intentModel });
    expect(snapshot.warnings).toEqual([
      expect.stringContaining('"not_an_intent" is not an intent'),
      expect.stringContaining('"domain:space" is not a domain'),
    ]);
  });
});
