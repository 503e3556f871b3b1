/**
 * L2-regularized logistic regression on sparse rows, fitted by L-BFGS. Targets may be soft
 * (in [0, 1]) and rows may carry weights; the intercept is not regularized.
 *   f(w, b) = (1 / sum s) * sum_j s_j * (softplus(z_j) - t_j * z_j) + (l2 / 2) * |w|^2,
 *   z_j = w . x_j + b.
 */
import { minimizeLbfgs } from "./lbfgs";
import { multiplyRows, type CsrMatrix } from "./sparse-matrix";

export type LogisticModel = { weights: Float64Array; bias: number };

export type FitOptions = {
  l2: number;
  /** per-row weights (indexed by matrix row); default 1 */
  sampleWeights?: Float64Array;
  /** warm start */
  init?: LogisticModel;
  maxIterations?: number;
  tolerance?: number;
};

export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** The objective above as an L-BFGS objective over [w..., b]. */
export function logisticObjective(m: CsrMatrix, rows: Int32Array, targets: Float64Array, options: FitOptions) {
  const cols = m.cols;
  const s = new Float64Array(rows.length);
  let total = 0;
  for (let j = 0; j < rows.length; j++) {
    s[j] = options.sampleWeights ? options.sampleWeights[rows[j]] : 1;
    total += s[j];
  }
  const inv = total > 0 ? 1 / total : 0;
  const { rowPtr, colIdx, values } = m;
  return (x: Float64Array, grad: Float64Array): number => {
    let reg = 0;
    for (let i = 0; i < cols; i++) {
      reg += x[i] * x[i];
      grad[i] = options.l2 * x[i];
    }
    const bias = x[cols];
    let loss = 0;
    let gBias = 0;
    // one pass per row: margin, loss, then the row's gradient share while it is in cache
    for (let j = 0; j < rows.length; j++) {
      const r = rows[j];
      const start = rowPtr[r];
      const end = rowPtr[r + 1];
      let z = bias;
      for (let p = start; p < end; p++) z += x[colIdx[p]] * values[p];
      const t = targets[r];
      loss += s[j] * (softplus(z) - t * z);
      const c = s[j] * (sigmoid(z) - t) * inv;
      gBias += c;
      if (c !== 0) for (let p = start; p < end; p++) grad[colIdx[p]] += c * values[p];
    }
    grad[cols] = gBias;
    return loss * inv + 0.5 * options.l2 * reg;
  };
}

/** Fits the model on the listed rows of `m` (targets indexed by matrix row). */
export function fitLogistic(m: CsrMatrix, rows: Int32Array, targets: Float64Array, options: FitOptions): LogisticModel {
  const x0 = new Float64Array(m.cols + 1);
  if (options.init) {
    x0.set(options.init.weights);
    x0[m.cols] = options.init.bias;
  } else {
    let mean = 0;
    for (let j = 0; j < rows.length; j++) mean += targets[rows[j]];
    mean = Math.min(1 - 1e-6, Math.max(1e-6, mean / Math.max(1, rows.length)));
    x0[m.cols] = Math.log(mean / (1 - mean));
  }
  const objective = logisticObjective(m, rows, targets, options);
  const result = minimizeLbfgs(objective, x0, { maxIterations: options.maxIterations ?? 80, tolerance: options.tolerance ?? 1e-3 });
  return { weights: result.x.slice(0, m.cols), bias: result.x[m.cols] };
}

/** Margins z = w . x + b for the listed rows. */
export function predictMargins(m: CsrMatrix, rows: Int32Array, model: LogisticModel): Float64Array {
  const z = new Float64Array(rows.length);
  multiplyRows(m, rows, model.weights, model.bias, z);
  return z;
}
