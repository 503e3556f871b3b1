import { describe, expect, it } from "vitest";
import { evidenceScores } from "./traffic-projection";

const tiers = ["small", "medium", "large"];
const enough = [0.4, 0.7, 0.95];

describe("quality per tier for a logged request", () => {
  it("is the classifier's P(tier enough) without direct evidence", () => {
    expect(evidenceScores(enough, tiers, "small", null, null)).toEqual({ score: enough, evidence: "classifier" });
  });

  it("takes a reviewer's label over everything else", () => {
    const shadow = { servedTier: "small", shadowTier: "medium", verdict: "shadow-better" };
    expect(evidenceScores(enough, tiers, "small", { verdict: "correct", correctTier: null }, shadow)).toEqual({ score: [1, 1, 1], evidence: "labels" });
    expect(evidenceScores(enough, tiers, "small", { verdict: "should-be-more-capable", correctTier: "large" }, null).score).toEqual([0, 0.7, 1]);
    expect(evidenceScores(enough, tiers, "medium", { verdict: "should-be-more-capable", correctTier: null }, null).score).toEqual([0, 0, 1]);
    expect(evidenceScores(enough, tiers, "large", { verdict: "should-be-cheaper", correctTier: "small" }, null).score).toEqual([1, 1, 1]);
  });

  it("reads a graded shadow pair: the tier above winning means the served tier was not enough", () => {
    expect(evidenceScores(enough, tiers, "small", null, { servedTier: "small", shadowTier: "medium", verdict: "shadow-better" })).toEqual({ score: [0, 1, 1], evidence: "shadow" });
    expect(evidenceScores(enough, tiers, "medium", null, { servedTier: "medium", shadowTier: "large", verdict: "tie" }).score).toEqual([0.4, 1, 1]);
    expect(evidenceScores(enough, tiers, "small", null, { servedTier: "small", shadowTier: "large", verdict: "equal" }).score).toEqual([1, 1, 1]);
    // a pair about another tier (an escalated answer) says nothing about this one
    expect(evidenceScores(enough, tiers, "large", null, { servedTier: "small", shadowTier: "medium", verdict: "tie" }).evidence).toBe("classifier");
  });
});
