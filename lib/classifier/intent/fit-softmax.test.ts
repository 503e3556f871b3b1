import { describe, expect, it } from "vitest";
import { csrFromVectors } from "../sparse-matrix";
import { fitSoftmax, softmaxObjective, softmaxProbabilities } from "./fit-softmax";

const row = (idx: number[], val: number[]) => ({ idx: Int32Array.from(idx), val: Float32Array.from(val) });

describe("fitSoftmax", () => {
  it("matches the gradient of its objective (finite differences)", () => {
    const m = csrFromVectors([row([0, 2], [1, 0.5]), row([1], [1]), row([0, 1], [0.3, 0.7])], 3);
    const labels = Int32Array.from([0, 1, 2]);
    const f = softmaxObjective(m, labels, 3, 0.1);
    const x = Float64Array.from({ length: 12 }, (_, i) => Math.sin(i + 1) * 0.3);
    const grad = new Float64Array(12);
    f(x, grad);
    for (let i = 0; i < 12; i++) {
      const h = 1e-6;
      const up = Float64Array.from(x);
      const down = Float64Array.from(x);
      up[i] += h;
      down[i] -= h;
      const numeric = (f(up, new Float64Array(12)) - f(down, new Float64Array(12))) / (2 * h);
      expect(grad[i]).toBeCloseTo(numeric, 6);
    }
  });

  it("separates classes that each own a feature, with probabilities that sum to 1", () => {
    const rows = [row([0], [1]), row([1], [1]), row([2], [1]), row([0], [1]), row([1], [1]), row([2], [1])];
    const model = fitSoftmax(csrFromVectors(rows, 8), Int32Array.from([0, 1, 2, 0, 1, 2]), 3, { l2: 1e-3 });
    for (let c = 0; c < 3; c++) {
      const p = softmaxProbabilities(model, [c], [1]);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(p[c]).toBeGreaterThan(0.9);
    }
    // unused columns keep zero weight (L2, no data)
    expect(model.weights.subarray(3 * 3).every((w) => w === 0)).toBe(true);
  });

  it("stronger L2 gives flatter probabilities", () => {
    const rows = [row([0], [1]), row([1], [1])];
    const m = csrFromVectors(rows, 2);
    const weak = softmaxProbabilities(fitSoftmax(m, Int32Array.from([0, 1]), 2, { l2: 1e-3 }), [0], [1])[0];
    const strong = softmaxProbabilities(fitSoftmax(m, Int32Array.from([0, 1]), 2, { l2: 1 }), [0], [1])[0];
    expect(weak).toBeGreaterThan(strong);
    expect(strong).toBeGreaterThan(0.5);
  });
});
