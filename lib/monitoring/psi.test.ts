import { describe, expect, it } from "vitest";
import { psi, psiByKey, toShares } from "./psi";

describe("psi", () => {
  it("is 0 for identical distributions, whatever the totals", () => {
    expect(psi([10, 30, 60], [1, 3, 6])).toBeCloseTo(0, 12);
  });

  it("matches a hand-computed value", () => {
    // e = [0.5, 0.5], a = [0.2, 0.8]:
    // (0.2-0.5)·ln(0.2/0.5) + (0.8-0.5)·ln(0.8/0.5) = 0.3·0.916291 + 0.3·0.470004 = 0.415888
    expect(psi([50, 50], [20, 80])).toBeCloseTo(0.3 * Math.log(2.5) + 0.3 * Math.log(1.6), 10);
    expect(psi([50, 50], [20, 80])).toBeCloseTo(0.415888, 5);
  });

  it("matches a hand-computed three-bin value", () => {
    // e = [0.7, 0.2, 0.1], a = [0.5, 0.3, 0.2]
    // (-0.2)·ln(5/7) + 0.1·ln(1.5) + 0.1·ln(2) = 0.067294 + 0.040547 + 0.069315 = 0.177156
    expect(psi([70, 20, 10], [50, 30, 20])).toBeCloseTo(0.177156, 5);
  });

  it("floors empty bins at epsilon instead of going infinite", () => {
    // e = [1, 0], a = [0.5, 0.5], ε = 0.01:
    // (0.5-1)·ln(0.5/1) + (0.5-0.01)·ln(0.5/0.01) = 0.346574 + 1.916891 = 2.263465
    expect(psi([10, 0], [5, 5], 0.01)).toBeCloseTo(2.263465, 5);
    const withDefault = psi([10, 0], [5, 5]);
    expect(withDefault).not.toBeNull();
    expect(Number.isFinite(withDefault!)).toBe(true);
    expect(withDefault!).toBeGreaterThan(2.263465); // a smaller ε punishes the empty bin more
  });

  it("is symmetric in its arguments", () => {
    expect(psi([70, 20, 10], [50, 30, 20])).toBeCloseTo(psi([50, 30, 20], [70, 20, 10])!, 12);
  });

  it("returns null when a side has no observations", () => {
    expect(psi([0, 0], [1, 2])).toBeNull();
    expect(psi([1, 2], [])).toBeNull();
  });

  it("pads the shorter histogram with zeros", () => {
    expect(psi([50, 50], [50, 50, 0])).toBeCloseTo(0, 12);
  });
});

describe("psiByKey", () => {
  it("aligns categories by name, counting a missing one as empty", () => {
    expect(psiByKey({ fast: 50, capable: 50 }, { capable: 80, fast: 20 })).toBeCloseTo(0.415888, 5);
    expect(psiByKey({ fast: 10 }, { fast: 5, capable: 5 }, 0.01)).toBeCloseTo(2.263465, 5);
  });
});

describe("toShares", () => {
  it("normalises counts and keeps all-zero input at zero", () => {
    expect(toShares([1, 3])).toEqual([0.25, 0.75]);
    expect(toShares([0, 0])).toEqual([0, 0]);
  });
});
