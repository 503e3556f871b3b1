import { describe, expect, it } from "vitest";
import { fitLogistic, logisticObjective, predictMargins, sigmoid } from "./fit-logistic";
import { createRng } from "./seeded-random";
import { allRows, csrFromVectors, type CsrMatrix } from "./sparse-matrix";

function denseToCsr(rows: number[][]): CsrMatrix {
  const vectors = rows.map((r) => {
    const idx = r.map((_, j) => j).filter((j) => r[j] !== 0);
    return { idx: Int32Array.from(idx), val: Float32Array.from(idx, (j) => r[j]) };
  });
  return csrFromVectors(vectors, rows[0].length);
}

/** Newton's method on the same objective with dense 3x3 algebra (2 weights + bias). */
function newton(X: number[][], t: number[], l2: number): number[] {
  let w = [0, 0, 0];
  const n = X.length;
  for (let iter = 0; iter < 50; iter++) {
    const g = [l2 * w[0], l2 * w[1], 0];
    const H = [[l2, 0, 0], [0, l2, 0], [0, 0, 0]];
    for (let i = 0; i < n; i++) {
      const x = [X[i][0], X[i][1], 1];
      const p = sigmoid(x[0] * w[0] + x[1] * w[1] + w[2]);
      for (let a = 0; a < 3; a++) {
        g[a] += ((p - t[i]) * x[a]) / n;
        for (let b = 0; b < 3; b++) H[a][b] += (p * (1 - p) * x[a] * x[b]) / n;
      }
    }
    w = w.map((wi, a) => wi - solve3(H, g)[a]);
  }
  return w;
}

function solve3(A: number[][], b: number[]): number[] {
  const det = (m: number[][]) => m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const d = det(A);
  return [0, 1, 2].map((c) => det(A.map((row, r) => row.map((v, k) => (k === c ? b[r] : v)))) / d);
}

describe("fitLogistic", () => {
  it("matches Newton's method on a small L2-regularized problem (soft targets)", () => {
    const rng = createRng(3);
    const X = Array.from({ length: 60 }, () => [rng() * 2 - 1, rng() > 0.5 ? 1 : 0]);
    const t = X.map(([a, b]) => (sigmoid(2 * a - b + 0.3) > rng() ? 1 : 0.25));
    const m = denseToCsr(X);
    const model = fitLogistic(m, allRows(60), Float64Array.from(t), { l2: 0.05, tolerance: 1e-10, maxIterations: 500 });
    const [w0, w1, b] = newton(X, t, 0.05);
    expect(model.weights[0]).toBeCloseTo(w0, 5);
    expect(model.weights[1]).toBeCloseTo(w1, 5);
    expect(model.bias).toBeCloseTo(b, 5);
  });

  it("recovers the closed form logit(mean) when no feature varies", () => {
    const m = denseToCsr([[0], [0], [0], [0]]);
    const model = fitLogistic(m, allRows(4), Float64Array.from([1, 0, 1, 1]), { l2: 1, tolerance: 1e-12 });
    expect(model.bias).toBeCloseTo(Math.log(0.75 / 0.25), 6);
    expect(predictMargins(m, allRows(4), model)[0]).toBeCloseTo(Math.log(3), 6);
  });

  it("has a gradient that matches finite differences", () => {
    const m = denseToCsr([[1, 0.5], [0, 2], [1.5, -1]]);
    const t = Float64Array.from([1, 0, 0.5]);
    const f = logisticObjective(m, allRows(3), t, { l2: 0.1, sampleWeights: Float64Array.from([1, 2, 0.5]) });
    const x = Float64Array.from([0.3, -0.2, 0.1]);
    const g = new Float64Array(3);
    f(x, g);
    for (let i = 0; i < 3; i++) {
      const h = 1e-6;
      const up = Float64Array.from(x);
      up[i] += h;
      const down = Float64Array.from(x);
      down[i] -= h;
      const numeric = (f(up, new Float64Array(3)) - f(down, new Float64Array(3))) / (2 * h);
      expect(g[i]).toBeCloseTo(numeric, 6);
    }
  });
});
