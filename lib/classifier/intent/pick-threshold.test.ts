import { describe, expect, it } from "vitest";
import { evaluateIntents } from "./evaluate-intent";
import { pickThreshold, thresholdObjective } from "./pick-threshold";
import type { IntentExample, IntentPrediction } from "./types";

const ex = (intent: string): IntentExample => ({ text: "", intent });
const pred = (intent: string, p: number): IntentPrediction => ({ intent, p, outOfScope: intent === "oos" });

describe("pickThreshold", () => {
  it("separates confident in-scope predictions from unsure out-of-scope ones", () => {
    // in scope: right with p 0.8-0.9; out of scope: wrongly called "a" with p 0.3-0.4
    const examples = [ex("a"), ex("a"), ex("b"), ex("b"), ex("oos"), ex("oos")];
    const raw = [pred("a", 0.9), pred("a", 0.8), pred("b", 0.85), pred("b", 0.8), pred("a", 0.3), pred("a", 0.4)];
    const { threshold, objective } = pickThreshold(examples, raw, "oos");
    expect(threshold).toBeGreaterThan(0.4);
    expect(threshold).toBeLessThanOrEqual(0.8);
    expect(objective).toBe(1);
    expect(thresholdObjective(examples, raw, "oos", 0)).toBeLessThan(1);
    // ties go to the smallest threshold
    expect(threshold).toBeCloseTo(0.41, 10);
  });

  it("is 0 without out-of-scope examples", () => {
    expect(pickThreshold([ex("a"), ex("b")], [pred("a", 0.2), pred("a", 0.3)], "oos").threshold).toBe(0);
  });
});

describe("evaluateIntents", () => {
  it("counts accuracy, macro-F1 and oos recall/precision", () => {
    const examples = [ex("a"), ex("a"), ex("b"), ex("oos")];
    const predictions = [pred("a", 0.9), { ...pred("b", 0.2), outOfScope: true }, pred("b", 0.9), { ...pred("a", 0.1), outOfScope: true }];
    const m = evaluateIntents(examples, predictions);
    expect(m).toMatchObject({ examples: 4, inScope: 3, outOfScope: 1, accuracy: 0.75, oosRecall: 1, oosPrecision: 0.5 });
    expect(m.inScopeAccuracy).toBeCloseTo(2 / 3, 12);
    // F1: a = 2/3, b = 1, oos = 2/3
    expect(m.macroF1).toBeCloseTo((2 / 3 + 1 + 2 / 3) / 3, 12);
  });
});
