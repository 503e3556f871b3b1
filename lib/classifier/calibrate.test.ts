import { describe, expect, it } from "vitest";
import { applyCalibration, fitIsotonic, fitPlatt } from "./calibrate";
import { sigmoid } from "./fit-logistic";
import { createRng } from "./seeded-random";

describe("fitPlatt", () => {
  it("recovers a known scaling from data drawn from it", () => {
    const rng = createRng(11);
    const z: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const zi = rng() * 8 - 4;
      z.push(zi);
      y.push(rng() < sigmoid(0.7 * zi - 0.4) ? 1 : 0);
    }
    const c = fitPlatt(z, y);
    expect(c.a).toBeCloseTo(0.7, 1);
    expect(c.b).toBeCloseTo(-0.4, 1);
  });

  it("maps to the base rate when the margins carry no information", () => {
    const c = fitPlatt([0, 0, 0, 0], [1, 0, 0, 0]);
    expect(applyCalibration(c, 0)).toBeCloseTo(0.25, 4);
  });
});

describe("fitIsotonic", () => {
  it("pools adjacent violators (hand-computed)", () => {
    // sorted by z: y = 1, 0, 0, 1, 1 -> blocks {1,0,0} mean 1/3 at z 2, then 1, 1
    const c = fitIsotonic([1, 2, 3, 4, 5], [1, 0, 0, 1, 1]);
    expect(c.x).toEqual([2, 4.5]);
    expect(c.y[0]).toBeCloseTo(1 / 3, 10);
    expect(c.y[1]).toBe(0.999); // clipped: never certain
    expect(applyCalibration(c, 2)).toBeCloseTo(1 / 3, 10);
    expect(applyCalibration(c, 3.25)).toBeCloseTo(1 / 3 + (1.25 / 2.5) * (0.999 - 1 / 3), 10);
    expect(applyCalibration(c, 9)).toBeGreaterThan(0.999);
    expect(applyCalibration(c, 9)).toBeLessThan(1);
    // strictly increasing below the first knot, within 1% of its value
    expect(applyCalibration(c, 0)).toBeLessThan(applyCalibration(c, 1));
    expect(applyCalibration(c, -100)).toBeGreaterThan((1 / 3) * 0.99 - 1e-12);
  });
});
