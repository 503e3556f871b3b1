/**
 * Limited-memory BFGS (two-loop recursion) with a backtracking Armijo line search, for smooth
 * convex objectives such as L2-regularized logistic loss. Deterministic: no randomness.
 * The (s, y) history lives in preallocated ring buffers, so an iteration allocates nothing.
 */

/** Writes the gradient into `grad` and returns the objective value at `x`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export type LbfgsOptions = { memory?: number; maxIterations?: number; tolerance?: number };

export type LbfgsResult = { x: Float64Array; value: number; iterations: number; converged: boolean };

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

type History = { s: Float64Array[]; y: Float64Array[]; rho: Float64Array; count: number; head: number };

/** The two-loop recursion: d = -H g from the stored pairs (oldest to newest in the ring). */
function searchDirection(g: Float64Array, h: History, d: Float64Array): void {
  const m = h.s.length;
  const alpha = new Float64Array(m);
  for (let i = 0; i < d.length; i++) d[i] = -g[i];
  for (let j = 0; j < h.count; j++) {
    const k = (h.head - 1 - j + m) % m;
    const sk = h.s[k];
    const yk = h.y[k];
    alpha[k] = h.rho[k] * dot(sk, d);
    const a = alpha[k];
    for (let i = 0; i < d.length; i++) d[i] -= a * yk[i];
  }
  if (h.count > 0) {
    const k = (h.head - 1 + m) % m;
    const gamma = 1 / (h.rho[k] * dot(h.y[k], h.y[k]));
    for (let i = 0; i < d.length; i++) d[i] *= gamma;
  }
  for (let j = h.count - 1; j >= 0; j--) {
    const k = (h.head - 1 - j + m) % m;
    const sk = h.s[k];
    const c = alpha[k] - h.rho[k] * dot(h.y[k], d);
    for (let i = 0; i < d.length; i++) d[i] += c * sk[i];
  }
}

/** Stores s = xNew - x, y = gNew - g if the curvature condition holds. */
function remember(h: History, x: Float64Array, xNew: Float64Array, g: Float64Array, gNew: Float64Array): void {
  const m = h.s.length;
  const sk = h.s[h.head];
  const yk = h.y[h.head];
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    sk[i] = xNew[i] - x[i];
    yk[i] = gNew[i] - g[i];
    sy += sk[i] * yk[i];
  }
  if (!(sy > 1e-12)) return;
  h.rho[h.head] = 1 / sy;
  h.head = (h.head + 1) % m;
  h.count = Math.min(m, h.count + 1);
}

export function minimizeLbfgs(f: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const m = options.memory ?? 7;
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-6;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  const d = new Float64Array(n);
  const h: History = { s: [], y: [], rho: new Float64Array(m), count: 0, head: 0 };
  for (let i = 0; i < m; i++) {
    h.s.push(new Float64Array(n));
    h.y.push(new Float64Array(n));
  }
  let value = f(x, g);
  const gNorm0 = Math.max(1, Math.sqrt(dot(g, g)));
  for (let iter = 0; iter < maxIterations; iter++) {
    const gNorm = Math.sqrt(dot(g, g));
    if (gNorm <= tolerance * gNorm0) return { x, value, iterations: iter, converged: true };
    searchDirection(g, h, d);
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // not a descent direction (numerical trouble): forget the history, go downhill
      h.count = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      slope = -gNorm * gNorm;
    }
    let step = h.count === 0 ? Math.min(1, 1 / gNorm) : 1;
    let valueNew = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * d[i];
      valueNew = f(xNew, gNew);
      if (valueNew <= value + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(valueNew <= value)) return { x, value, iterations: iter, converged: false };
    remember(h, x, xNew, g, gNew);
    const improvement = value - valueNew;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    value = valueNew;
    if (improvement <= 1e-12 * Math.max(1, Math.abs(value))) return { x, value, iterations: iter + 1, converged: true };
  }
  return { x, value, iterations: maxIterations, converged: false };
}
