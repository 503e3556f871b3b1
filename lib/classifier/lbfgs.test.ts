import { describe, expect, it } from "vitest";
import { minimizeLbfgs } from "./lbfgs";

describe("minimizeLbfgs", () => {
  it("finds the minimum of a convex quadratic (known solution A x = b)", () => {
    // f(x) = 1/2 x'Ax - b'x with A = [[4,1],[1,3]], b = [1,2] -> x* = A^-1 b = [1/11, 7/11]
    const f = (x: Float64Array, g: Float64Array) => {
      g[0] = 4 * x[0] + x[1] - 1;
      g[1] = x[0] + 3 * x[1] - 2;
      return 0.5 * (4 * x[0] * x[0] + 2 * x[0] * x[1] + 3 * x[1] * x[1]) - x[0] - 2 * x[1];
    };
    const r = minimizeLbfgs(f, new Float64Array(2), { tolerance: 1e-10 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1 / 11, 8);
    expect(r.x[1]).toBeCloseTo(7 / 11, 8);
  });

  it("minimizes the Rosenbrock function", () => {
    const f = (x: Float64Array, g: Float64Array) => {
      const [a, b] = [x[0], x[1]];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const r = minimizeLbfgs(f, Float64Array.from([-1.2, 1]), { maxIterations: 500, tolerance: 1e-10 });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });
});
