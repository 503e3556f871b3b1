import { describe, expect, it } from "vitest";
import { sanitize, scoreRequest } from "./score-request";
import { constantHeuristic, makeSnapshot, stubClassifier } from "./testing/fixtures";

const messages = [{ role: "user" as const, content: "hi" }];

describe("scoreRequest", () => {
  it("uses the policy's trained classifier when it fits the tier count", () => {
    const snapshot = makeSnapshot(undefined, { classifiers: { default: stubClassifier([0.8], 2, "v7") } });
    const result = scoreRequest(snapshot, "default", 2, messages);
    expect(result).toMatchObject({ ok: true, p: [0.8], notes: [] });
    expect(result.classifier.id).toBe("v7");
  });

  it("falls back to the heuristic when the trained classifier was built for another tier count", () => {
    const snapshot = makeSnapshot(undefined, { classifiers: { default: stubClassifier([0.8, 0.2], 3, "v7") }, heuristic: constantHeuristic(0.3) });
    const result = scoreRequest(snapshot, "default", 2, messages);
    expect(result).toMatchObject({ ok: true, p: [0.3] });
    expect(result.classifier.id).toBe("builtin");
    expect(result.notes[0]).toMatch(/built for 3 tiers, the policy has 2/);
  });

  it("uses the heuristic when the policy has no classifier", () => {
    const result = scoreRequest(makeSnapshot(undefined, { heuristic: constantHeuristic(0.1) }), "default", 2, messages);
    expect(result).toMatchObject({ ok: true, p: [0.1], notes: [] });
  });

  it("reports a classifier that throws or answers with the wrong shape", () => {
    const throwing = stubClassifier(() => {
      throw new Error("boom");
    }, 2, "v1");
    const wrong = stubClassifier(() => [0.1, 0.2], 2, "v2");
    const nan = stubClassifier(() => [Number.NaN], 2, "v3");
    for (const [c, message] of [[throwing, "classifier v1 failed: boom"], [wrong, "classifier v2 returned 2 values, expected 1 probabilities"], [nan, /v3 returned/]] as const) {
      const result = scoreRequest(makeSnapshot(undefined, { classifiers: { default: c } }), "default", 2, messages);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatch(message);
    }
  });

  it("does not call a classifier for a single-tier policy", () => {
    const result = scoreRequest(makeSnapshot(undefined, { heuristic: () => { throw new Error("unused"); } }), "default", 1, messages);
    expect(result).toMatchObject({ ok: true, p: [] });
  });
});

describe("sanitize", () => {
  it("clamps to [0, 1] and makes the vector non-increasing, noting the repair", () => {
    const notes: string[] = [];
    expect(sanitize([1.2, 0.3, 0.5, -0.1], notes)).toEqual([1, 0.3, 0.3, 0]);
    expect(notes).toHaveLength(1);
    const clean: string[] = [];
    expect(sanitize([0.9, 0.4], clean)).toEqual([0.9, 0.4]);
    expect(clean).toEqual([]);
  });
});

describe("scoreRequest with a broken heuristic factory", () => {
  it("reports the failure instead of throwing", () => {
    const snapshot = makeSnapshot(undefined, { heuristic: () => { throw new Error("no scorer"); } });
    const result = scoreRequest(snapshot, "default", 2, messages);
    expect(result).toMatchObject({ ok: false, error: "built-in classifier unavailable: no scorer" });
  });
});
