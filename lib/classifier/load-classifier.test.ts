import { describe, expect, it } from "vitest";
import { loadClassifier } from "./load-classifier";
import { syntheticOutcomes } from "./testing/synthetic-outcomes";
import { trainClassifier } from "./train-classifier";

const artifact = trainClassifier(syntheticOutcomes(60, ["a", "b"], 1), { tiers: ["a", "b"], l2Grid: [1e-2], folds: 2 }).artifact;

describe("loadClassifier", () => {
  it("loads a valid artifact as a trained TierClassifier", () => {
    const clf = loadClassifier(JSON.parse(JSON.stringify(artifact)));
    expect(clf.kind).toBe("trained");
    expect(clf.id).toBe(artifact.id);
    expect(clf.tiers).toEqual(["a", "b"]);
    const p = clf.predict({ messages: [{ role: "user", content: "hello" }] });
    expect(p).toHaveLength(1);
    expect(p[0]).toBeGreaterThan(0);
    expect(p[0]).toBeLessThan(1);
  });

  it("rejects malformed artifacts with the problem's path", () => {
    expect(() => loadClassifier({})).toThrow(/invalid classifier artifact/);
    expect(() => loadClassifier({ ...artifact, version: 2 })).toThrow(/version/);
    expect(() => loadClassifier({ ...artifact, tiers: ["a", "b", "c"] })).toThrow(/heads/);
    const bad = { ...artifact, heads: [{ ...artifact.heads[0], weights: { ...artifact.heads[0].weights, count: 99_999 } }] };
    expect(() => loadClassifier(bad)).toThrow();
    const otherFeatures = { ...artifact, featurizer: { ...artifact.featurizer, content: ["x"] } };
    expect(() => loadClassifier(otherFeatures)).toThrow(/retrain/);
  });
});
