import { describe, expect, it } from "vitest";
import { adaptTierCount } from "./adapt-tier-count";
import { createHeuristicClassifier } from "./heuristic-scorer";
import type { TierClassifier } from "./types";

const fixed = (p: number): TierClassifier => ({ id: "x", kind: "trained", tierCount: 2, predict: () => [p] });
const input = { messages: [{ role: "user" as const, content: "hi" }] };

describe("adaptTierCount", () => {
  it("spreads a two-tier p over N-1 non-increasing thresholds", () => {
    const three = adaptTierCount(fixed(0.25), 3);
    expect(three.tierCount).toBe(3);
    expect(three.predict(input)).toEqual([0.5, 0.25]);
    const four = adaptTierCount(fixed(0.125), 4).predict(input);
    expect(four[0]).toBeCloseTo(0.5, 12);
    expect(four[1]).toBeCloseTo(0.25, 12);
    expect(four[2]).toBeCloseTo(0.125, 12);
  });

  it("passes through a matching classifier and refuses what it cannot adapt", () => {
    const c = fixed(0.3);
    expect(adaptTierCount(c, 2)).toBe(c);
    expect(() => adaptTierCount(createHeuristicClassifier(3), 4)).toThrow(RangeError);
    expect(() => adaptTierCount(c, 1)).toThrow(RangeError);
  });
});
