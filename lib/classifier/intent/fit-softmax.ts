/**
 * L2-regularized multinomial logistic regression (softmax) on sparse rows, fitted by the
 * L-BFGS of lbfgs.ts. Parameters are feature-major (W[f * C + c]) so a sparse row touches C
 * contiguous weights per entry; the biases are not regularized.
 *   f(W, b) = (1/n) * sum_j [logsumexp(z_j) - z_j[y_j]] + (l2 / 2) * |W|^2,  z_j = W^T x_j + b.
 * Deterministic: full-batch, starts from W = 0 and b = log class frequencies.
 */
import { minimizeLbfgs } from "../lbfgs";
import { compactColumns, type CsrMatrix } from "../sparse-matrix";

export type SoftmaxModel = {
  classes: number;
  /** feature-major, length cols * classes, over the matrix's original columns */
  weights: Float64Array;
  biases: Float64Array;
};

export type SoftmaxOptions = {
  l2: number;
  maxIterations?: number;
  tolerance?: number;
};

/** The objective above over x = [W (cols * C), b (C)]. */
export function softmaxObjective(m: CsrMatrix, labels: Int32Array, classes: number, l2: number) {
  const C = classes;
  const nW = m.cols * C;
  const z = new Float64Array(C);
  const inv = 1 / Math.max(1, m.rows);
  const { rowPtr, colIdx, values } = m;
  return (x: Float64Array, grad: Float64Array): number => {
    let reg = 0;
    for (let i = 0; i < nW; i++) {
      reg += x[i] * x[i];
      grad[i] = l2 * x[i];
    }
    for (let c = 0; c < C; c++) grad[nW + c] = 0;
    let loss = 0;
    for (let r = 0; r < m.rows; r++) {
      for (let c = 0; c < C; c++) z[c] = x[nW + c];
      const start = rowPtr[r];
      const end = rowPtr[r + 1];
      for (let p = start; p < end; p++) {
        const base = colIdx[p] * C;
        const v = values[p];
        for (let c = 0; c < C; c++) z[c] += x[base + c] * v;
      }
      let max = -Infinity;
      for (let c = 0; c < C; c++) if (z[c] > max) max = z[c];
      let sum = 0;
      for (let c = 0; c < C; c++) {
        z[c] = Math.exp(z[c] - max);
        sum += z[c];
      }
      const y = labels[r];
      loss += Math.log(sum) - Math.log(z[y]);
      // z becomes d = (softmax - onehot) / n
      for (let c = 0; c < C; c++) z[c] = (z[c] / sum) * inv;
      z[y] -= inv;
      for (let c = 0; c < C; c++) grad[nW + c] += z[c];
      for (let p = start; p < end; p++) {
        const base = colIdx[p] * C;
        const v = values[p];
        for (let c = 0; c < C; c++) grad[base + c] += v * z[c];
      }
    }
    return loss * inv + 0.5 * l2 * reg;
  };
}

/** Fits on every row of `m`; labels are class indices 0..classes-1. */
export function fitSoftmax(m: CsrMatrix, labels: Int32Array, classes: number, options: SoftmaxOptions): SoftmaxModel {
  if (labels.length !== m.rows) throw new RangeError("one label per row");
  const { matrix, columns } = compactColumns(m);
  const C = classes;
  const x0 = new Float64Array(matrix.cols * C + C);
  const counts = new Float64Array(C);
  for (const y of labels) counts[y]++;
  for (let c = 0; c < C; c++) x0[matrix.cols * C + c] = Math.log((counts[c] + 1) / (m.rows + C));
  const objective = softmaxObjective(matrix, labels, C, options.l2);
  const result = minimizeLbfgs(objective, x0, { maxIterations: options.maxIterations ?? 300, tolerance: options.tolerance ?? 1e-4, memory: 5 });
  const weights = new Float64Array(m.cols * C);
  for (let u = 0; u < columns.length; u++) weights.set(result.x.subarray(u * C, (u + 1) * C), columns[u] * C);
  return { classes: C, weights, biases: result.x.slice(matrix.cols * C) };
}

/** Softmax probabilities of one sparse row (for tests and evaluation). */
export function softmaxProbabilities(model: SoftmaxModel, idx: ArrayLike<number>, val: ArrayLike<number>, count = idx.length): Float64Array {
  const C = model.classes;
  const z = Float64Array.from(model.biases);
  for (let p = 0; p < count; p++) {
    const base = idx[p] * C;
    for (let c = 0; c < C; c++) z[c] += model.weights[base + c] * val[p];
  }
  return normalizeSoftmax(z);
}

/** In place: z → softmax(z). */
export function normalizeSoftmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (z[c] > max) max = z[c];
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c] - max);
    sum += z[c];
  }
  for (let c = 0; c < z.length; c++) z[c] /= sum;
  return z;
}
