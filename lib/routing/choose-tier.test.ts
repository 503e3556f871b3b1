import { describe, expect, it } from "vitest";
import { chooseTier, notEnoughProbabilities } from "./choose-tier";

// Two tiers whose cost gap is 1 with λ = 2: threshold 0.5.
const costs = [0, 1];
const lambda = 2;
const pick = (p: number) => chooseTier(notEnoughProbabilities([p], 2), costs, lambda);

describe("chooseTier", () => {
  it("escalates exactly at the threshold (ties go to the more capable tier)", () => {
    expect(pick(0.5).index).toBe(1);
    expect(pick(0.4999999).index).toBe(0);
    expect(pick(0).index).toBe(0);
    expect(pick(1).index).toBe(1);
  });

  it("reports expected losses c_k + λ·q_k", () => {
    expect(pick(0.3).losses).toEqual([0.6, 1]);
  });

  it("is most uncertain at the threshold and certain far from it", () => {
    expect(pick(0.5).uncertainty).toBeCloseTo(1, 9);
    expect(pick(0.4).uncertainty).toBeCloseTo(0.8, 9);
    expect(pick(0).uncertainty).toBe(0);
    expect(pick(1).uncertainty).toBe(0);
  });

  it("picks a middle tier when it is the best trade-off", () => {
    // P(needs >= 1) = 0.9, P(needs >= 2) = 0.1: the middle tier is enough most of the time.
    const q = notEnoughProbabilities([0.9, 0.1], 3);
    expect(q).toEqual([0.9, 0.1, 0]);
    const choice = chooseTier(q, [0, 0.1, 1], 2);
    expect(choice.index).toBe(1);
    expect(choice.runnerUp).toBe(2);
  });

  it("only considers allowed tiers and null costs", () => {
    expect(chooseTier([1, 0], [0, 1], 2, (k) => k === 0).index).toBe(0);
    expect(chooseTier([1, 0], [0, null], 2).index).toBe(0);
    expect(chooseTier([1, 0], [null, null], 2)).toMatchObject({ index: -1, uncertainty: 0 });
  });
});
