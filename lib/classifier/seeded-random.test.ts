import { describe, expect, it } from "vitest";
import { createRng, shuffleInPlace, stratifiedFolds } from "./seeded-random";

describe("seeded randomness", () => {
  it("repeats for a seed and differs across seeds", () => {
    const a = Array.from({ length: 5 }, createRng(42));
    const b = Array.from({ length: 5 }, createRng(42));
    expect(a).toEqual(b);
    expect(Array.from({ length: 5 }, createRng(43))).not.toEqual(a);
    a.forEach((v) => expect(v >= 0 && v < 1).toBe(true));
    expect(shuffleInPlace([1, 2, 3, 4, 5, 6], createRng(1))).toEqual(shuffleInPlace([1, 2, 3, 4, 5, 6], createRng(1)));
  });

  it("deals strata evenly over folds", () => {
    const strata = [...Array(30).fill(0), ...Array(9).fill(1)];
    const folds = stratifiedFolds(strata, 3, 7);
    for (let f = 0; f < 3; f++) {
      expect(strata.filter((s, i) => s === 0 && folds[i] === f)).toHaveLength(10);
      expect(strata.filter((s, i) => s === 1 && folds[i] === f)).toHaveLength(3);
    }
    expect(() => stratifiedFolds(strata, 1, 7)).toThrow(RangeError);
  });
});
