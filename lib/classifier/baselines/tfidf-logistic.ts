/**
 * The plain baseline: TF-IDF over a word vocabulary (scikit-learn's defaults: lowercase tokens of
 * two or more word characters, raw counts, smooth idf = ln((1 + n) / (1 + df)) + 1, L2 norm)
 * and one logistic regression per head on the hard labels (label >= k), C = 1
 * (l2 = 1 / n), no calibration; p made non-increasing.
 */
import type { LabeledRow } from "../derive-labels";
import { fitLogistic, sigmoid, type LogisticModel } from "../fit-logistic";
import { headTargets } from "../head-targets";
import { allText, requestText } from "../request-text";
import type { SparseVector } from "../sparse-builder";
import { allRows, csrFromVectors } from "../sparse-matrix";
import type { ClassifierInput } from "../types";

export type TfidfModel = { vocabulary: Map<string, number>; idf: Float64Array; heads: LogisticModel[] };

const TOKEN = /\w\w+/gu;

export function tokenize(input: ClassifierInput): string[] {
  return allText(requestText(input)).toLowerCase().match(TOKEN) ?? [];
}

function vectorize(tokens: readonly string[], model: Pick<TfidfModel, "vocabulary" | "idf">): SparseVector {
  const counts = new Map<number, number>();
  for (const t of tokens) {
    const j = model.vocabulary.get(t);
    if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
  }
  const idx = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const val = Float32Array.from(idx, (j) => counts.get(j)! * model.idf[j]);
  let norm = 0;
  for (const v of val) norm += v * v;
  if (norm > 0) for (let i = 0; i < val.length; i++) val[i] /= Math.sqrt(norm);
  return { idx, val };
}

export function trainTfidfLogistic(rows: readonly LabeledRow[], tierCount: number): TfidfModel {
  const docs = rows.map((r) => tokenize(r.row.input));
  const df = new Map<string, number>();
  for (const doc of docs) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const terms = [...df.keys()].sort();
  const vocabulary = new Map(terms.map((t, j) => [t, j]));
  const idf = Float64Array.from(terms, (t) => Math.log((1 + docs.length) / (1 + df.get(t)!)) + 1);
  const matrix = csrFromVectors(docs.map((d) => vectorize(d, { vocabulary, idf })), terms.length);
  const every = allRows(rows.length);
  const heads = headTargets(rows, tierCount - 1, "label").map((y) =>
    fitLogistic(matrix, every, y, { l2: 1 / Math.max(1, rows.length), maxIterations: 200 }),
  );
  return { vocabulary, idf, heads };
}

export function predictTfidf(model: TfidfModel, input: ClassifierInput): number[] {
  const x = vectorize(tokenize(input), model);
  let cap = 1;
  return model.heads.map((h) => {
    let z = h.bias;
    for (let i = 0; i < x.idx.length; i++) z += h.weights[x.idx[i]] * x.val[i];
    cap = Math.min(cap, sigmoid(z));
    return cap;
  });
}
