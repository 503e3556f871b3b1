import { describe, expect, it } from "vitest";
import { deriveLabels } from "./derive-labels";
import { loadClassifier } from "./load-classifier";
import { syntheticOutcomes } from "./testing/synthetic-outcomes";
import { trainClassifier } from "./train-classifier";

const ask = (content: string) => ({ messages: [{ role: "user" as const, content }] });
const FAST = { l2Grid: [1e-2, 1e-3], folds: 3 };
const HARD = (topic: string) =>
  `Prove step by step that the ${topic} graph coloring algorithm is optimal, derive its complexity and debug this code: for (i = 0; i < n; i++) { x[i] = f(x[i-1]); } (#998)`;

describe("trainClassifier", () => {
  it("learns a known answer on synthetic two-tier data and calibrates it", () => {
    const rows = syntheticOutcomes(120, ["small", "large"], 1);
    const { artifact } = trainClassifier(rows, { tiers: ["small", "large"], seed: 1, ...FAST });
    expect(artifact.format).toBe("frontdesk-classifier");
    expect(artifact.version).toBe(1);
    expect(artifact.tiers).toEqual(["small", "large"]);
    const clf = loadClassifier(JSON.parse(JSON.stringify(artifact)));
    const easy = clf.predict(ask("What is the capital city near bern? Quick answer please (#999)."));
    const hard = clf.predict(ask(HARD("oslo")));
    expect(easy).toHaveLength(1);
    expect(easy[0]).toBeLessThan(0.2);
    expect(hard[0]).toBeGreaterThan(0.6);
    // calibrated on fresh data: the mean p per group is near the group's rate of label 1
    const fresh = deriveLabels(syntheticOutcomes(200, ["small", "large"], 9), ["small", "large"]).labeled;
    for (const kind of ["easy", "hard"]) {
      const group = fresh.filter((r) => r.row.tags.task === kind);
      const meanP = group.reduce((s, r) => s + clf.predict(r.row.input)[0], 0) / group.length;
      const rate = group.filter((r) => r.label === 1).length / group.length;
      expect(Math.abs(meanP - rate)).toBeLessThan(0.2);
    }
  });

  it("is deterministic for a seed (byte-identical artifact)", () => {
    const rows = syntheticOutcomes(90, ["a", "b"], 5, 0.2);
    const one = JSON.stringify(trainClassifier(rows, { tiers: ["a", "b"], seed: 3, ...FAST }).artifact);
    const two = JSON.stringify(trainClassifier(rows, { tiers: ["a", "b"], seed: 3, ...FAST }).artifact);
    expect(two).toBe(one);
  });

  it("gives N-1 non-increasing probabilities for three tiers", () => {
    const tiers = ["s", "m", "l"];
    const rows = syntheticOutcomes(150, tiers, 2);
    const { artifact } = trainClassifier(rows, { tiers, seed: 1, ...FAST });
    const clf = loadClassifier(artifact);
    expect(clf.tierCount).toBe(3);
    const medium = clf.predict(ask("Explain how the economy of lima works and compare it with its neighbours in detail (#1000)."));
    const hard = clf.predict(ask(HARD("rome")));
    for (const p of [medium, hard]) expect(p[1]).toBeLessThanOrEqual(p[0]);
    expect(medium[0]).toBeGreaterThan(0.6);
    expect(medium[1]).toBeLessThan(0.4);
    expect(hard[1]).toBeGreaterThan(0.6);
  });

  it("reports skipped rows and refuses too little data", () => {
    const rows = syntheticOutcomes(60, ["a", "b"], 1);
    delete rows[0].outcomes.b;
    const { skipped } = trainClassifier(rows, { tiers: ["a", "b"], ...FAST });
    expect(skipped).toEqual([{ id: "syn-0", line: 1, reason: "no outcome for b" }]);
    expect(() => trainClassifier(rows.slice(0, 5), { tiers: ["a", "b"] })).toThrow(/too few/);
  });
});
