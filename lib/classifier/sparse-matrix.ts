/**
 * Compressed sparse rows for training: one row per example, built once from the featurizer's
 * sparse vectors; row subsets (cross-validation folds) are index lists, not copies.
 */
import type { SparseVector } from "./sparse-builder";

export type CsrMatrix = {
  rows: number;
  cols: number;
  /** rowPtr[i]..rowPtr[i+1] index into colIdx/values */
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float32Array;
};

export function csrFromVectors(vectors: readonly SparseVector[], cols: number): CsrMatrix {
  let nnz = 0;
  for (const v of vectors) nnz += v.idx.length;
  const rowPtr = new Int32Array(vectors.length + 1);
  const colIdx = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let at = 0;
  vectors.forEach((v, i) => {
    colIdx.set(v.idx, at);
    values.set(v.val, at);
    at += v.idx.length;
    rowPtr[i + 1] = at;
  });
  return { rows: vectors.length, cols, rowPtr, colIdx, values };
}

/** z[j] = w . x_rows[j] + bias, for the listed rows. */
export function multiplyRows(m: CsrMatrix, rows: Int32Array, w: Float64Array, bias: number, z: Float64Array): void {
  const { rowPtr, colIdx, values } = m;
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j];
    let s = bias;
    for (let p = rowPtr[r]; p < rowPtr[r + 1]; p++) s += w[colIdx[p]] * values[p];
    z[j] = s;
  }
}

export function allRows(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/**
 * Renumbers the columns that occur in `m` to 0..U-1 (in ascending original order), so the
 * optimizer works on U parameters instead of 2^bits. Returns the compact matrix and, per
 * compact column, its original index.
 */
export function compactColumns(m: CsrMatrix): { matrix: CsrMatrix; columns: Int32Array } {
  const used = new Uint8Array(m.cols);
  for (let p = 0; p < m.colIdx.length; p++) used[m.colIdx[p]] = 1;
  const remap = new Int32Array(m.cols).fill(-1);
  const columns: number[] = [];
  for (let c = 0; c < m.cols; c++) {
    if (used[c]) {
      remap[c] = columns.length;
      columns.push(c);
    }
  }
  const colIdx = new Int32Array(m.colIdx.length);
  for (let p = 0; p < colIdx.length; p++) colIdx[p] = remap[m.colIdx[p]];
  const matrix = sortRows({ rows: m.rows, cols: columns.length, rowPtr: m.rowPtr, colIdx, values: m.values });
  return { matrix, columns: Int32Array.from(columns) };
}

/** The transpose (rows become columns), in O(nnz + cols). */
export function transpose(m: CsrMatrix): CsrMatrix {
  const rowPtr = new Int32Array(m.cols + 1);
  for (let p = 0; p < m.colIdx.length; p++) rowPtr[m.colIdx[p] + 1]++;
  for (let c = 0; c < m.cols; c++) rowPtr[c + 1] += rowPtr[c];
  const next = rowPtr.slice(0, m.cols);
  const colIdx = new Int32Array(m.colIdx.length);
  const values = new Float32Array(m.values.length);
  for (let r = 0; r < m.rows; r++) {
    for (let p = m.rowPtr[r]; p < m.rowPtr[r + 1]; p++) {
      const at = next[m.colIdx[p]]++;
      colIdx[at] = r;
      values[at] = m.values[p];
    }
  }
  return { rows: m.cols, cols: m.rows, rowPtr, colIdx, values };
}

/** Same matrix with column indices ascending within each row (twice as fast to multiply). */
export function sortRows(m: CsrMatrix): CsrMatrix {
  return transpose(transpose(m));
}
