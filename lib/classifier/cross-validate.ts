/**
 * k-fold cross-validation of the whole training procedure (nested: each fold's training picks
 * its own L2 strength on its own rows) and of the TF-IDF + logistic regression baseline:
 * out-of-fold p-vectors for every labeled row, ready for evaluateRouter.
 */
import { predictTfidf, trainTfidfLogistic } from "./baselines/tfidf-logistic";
import { deriveLabels, type LabeledRow, type SkippedRow } from "./derive-labels";
import type { EvalRow } from "./evaluate/eval-types";
import { loadClassifier } from "./load-classifier";
import type { OutcomeRow } from "./parse-outcomes";
import { stratifiedFolds } from "./seeded-random";
import { trainClassifier, type TrainOptions } from "./train-classifier";

export type CrossValidation = {
  labeled: LabeledRow[];
  skipped: SkippedRow[];
  /** out-of-fold predictions, in the order of `labeled` */
  ours: EvalRow[];
  tfidf: EvalRow[];
  /** L2 strength chosen inside each fold */
  l2PerFold: number[];
};

export function toEvalRow(r: LabeledRow, p: readonly number[]): EvalRow {
  return { id: r.row.id, p, scores: r.scores, label: r.label, tags: r.row.tags };
}

export function crossValidate(rows: readonly OutcomeRow[], folds: number, options: TrainOptions): CrossValidation {
  const seed = options.seed ?? 1;
  const { labeled, skipped } = deriveLabels(rows, options.tiers, options.epsilon ?? 0);
  const fold = stratifiedFolds(labeled.map((r) => r.label), folds, seed + 7919);
  const ours = new Array<EvalRow>(labeled.length);
  const tfidf = new Array<EvalRow>(labeled.length);
  const l2PerFold: number[] = [];
  for (let f = 0; f < folds; f++) {
    const trainPart = labeled.filter((_, i) => fold[i] !== f);
    const testIdx = labeled.map((_, i) => i).filter((i) => fold[i] === f);
    const progress = options.onProgress;
    const { artifact, selection } = trainClassifier(
      trainPart.map((r) => r.row),
      { ...options, onProgress: progress && ((phase, d, t) => progress(`fold ${f + 1}/${folds} ${phase}`, d, t)) },
    );
    l2PerFold.push(selection.l2);
    const model = loadClassifier(artifact);
    const baseline = trainTfidfLogistic(trainPart, options.tiers.length);
    for (const i of testIdx) {
      ours[i] = toEvalRow(labeled[i], model.predict(labeled[i].row.input));
      tfidf[i] = toEvalRow(labeled[i], predictTfidf(baseline, labeled[i].row.input));
    }
  }
  return { labeled, skipped, ours, tfidf, l2PerFold };
}
