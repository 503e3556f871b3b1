/**
 * Probability calibration of raw margins on held-out data.
 * - Platt scaling: p = sigmoid(a * z + b), (a, b) by Newton's method on the log loss
 *   (with a tiny ridge for separable data).
 * - Isotonic regression: pool-adjacent-violators, applied by linear interpolation between the
 *   blocks' centroids (strictly increasing, so the ranking of requests is kept).
 */
import { sigmoid, softplus } from "./fit-logistic";

export type PlattCalibration = { method: "platt"; a: number; b: number };
export type IsotonicCalibration = { method: "isotonic"; x: number[]; y: number[] };
export type Calibration = PlattCalibration | IsotonicCalibration;

const RIDGE = 1e-6;

export function plattLoss(z: ArrayLike<number>, y: ArrayLike<number>, a: number, b: number): number {
  let loss = 0;
  for (let i = 0; i < z.length; i++) {
    const u = a * z[i] + b;
    loss += softplus(u) - y[i] * u;
  }
  return loss / Math.max(1, z.length) + (RIDGE / 2) * (a * a + b * b);
}

/** Fits Platt scaling by Newton's method with step halving; y may be soft (in [0, 1]). */
export function fitPlatt(z: ArrayLike<number>, y: ArrayLike<number>): PlattCalibration {
  const n = Math.max(1, z.length);
  let a = 1;
  let b = 0;
  let loss = plattLoss(z, y, a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = RIDGE * a, gb = RIDGE * b, haa = RIDGE, hab = 0, hbb = RIDGE;
    for (let i = 0; i < z.length; i++) {
      const p = sigmoid(a * z[i] + b);
      const r = (p - y[i]) / n;
      const w = (p * (1 - p)) / n;
      ga += r * z[i];
      gb += r;
      haa += w * z[i] * z[i];
      hab += w * z[i];
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    let step = 1;
    let next = plattLoss(z, y, a - da, b - db);
    while (next > loss && step > 1e-8) {
      step /= 2;
      next = plattLoss(z, y, a - step * da, b - step * db);
    }
    if (next > loss) break;
    a -= step * da;
    b -= step * db;
    const done = loss - next < 1e-12;
    loss = next;
    if (done) break;
  }
  return { method: "platt", a, b };
}

/** Isotonic (non-decreasing) fit of y on z by pool-adjacent-violators; knots at block centroids. */
export function fitIsotonic(z: ArrayLike<number>, y: ArrayLike<number>): IsotonicCalibration {
  const order = Array.from({ length: z.length }, (_, i) => i).sort((i, j) => z[i] - z[j] || i - j);
  const sumX: number[] = [];
  const sumY: number[] = [];
  const count: number[] = [];
  for (const i of order) {
    sumX.push(z[i]);
    sumY.push(y[i]);
    count.push(1);
    let k = count.length - 1;
    while (k > 0 && sumY[k - 1] / count[k - 1] >= sumY[k] / count[k]) {
      sumX[k - 1] += sumX[k];
      sumY[k - 1] += sumY[k];
      count[k - 1] += count[k];
      sumX.pop();
      sumY.pop();
      count.pop();
      k--;
    }
  }
  // never claim certainty: keeps the map strictly increasing in its tails too (see below)
  const means = sumY.map((s, k) => Math.min(1 - 1e-3, Math.max(1e-3, s / count[k])));
  return { method: "isotonic", x: sumX.map((s, k) => s / count[k]), y: means };
}

/** Width (in margin units) over which the isotonic map leaves its end values, see below. */
const TAIL_SCALE = 4;

export function applyCalibration(c: Calibration, z: number): number {
  if (c.method === "platt") return sigmoid(c.a * z + c.b);
  const { x, y } = c;
  if (x.length === 0) return 0.5;
  // beyond the end knots, move 1% of the way towards 0 or 1 so that the map stays strictly
  // increasing (no ties among the most and least likely requests: ranking is kept)
  if (z <= x[0]) return y[0] * (1 - 0.01 * Math.tanh((x[0] - z) / TAIL_SCALE));
  const last = x.length - 1;
  if (z >= x[last]) return y[last] + (1 - y[last]) * 0.01 * Math.tanh((z - x[last]) / TAIL_SCALE);
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= z) lo = mid;
    else hi = mid;
  }
  const span = x[hi] - x[lo];
  const t = span > 0 ? (z - x[lo]) / span : 1;
  return y[lo] + t * (y[hi] - y[lo]);
}
