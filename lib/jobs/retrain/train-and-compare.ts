/**
 * The work of a retraining job, free of I/O: split the rows (stratified, seeded), train a
 * candidate on one part, and evaluate it and the currently active classifier on the SAME
 * held-out part, so the console can put their metrics side by side. Runs in a child process.
 */
import { adaptTierCount } from "../../classifier/adapt-tier-count";
import { toEvalRow } from "../../classifier/cross-validate";
import { deriveLabels, type LabeledRow } from "../../classifier/derive-labels";
import { summarizeCurve } from "../../classifier/evaluate/curve-metrics";
import type { EvalRow } from "../../classifier/evaluate/eval-types";
import { evaluateRouter } from "../../classifier/evaluate/evaluate-router";
import { sampleCurve } from "../../classifier/evaluate/routing-curve";
import { tierCostWeights } from "../../classifier/evaluate/tier-weights";
import { createHeuristicClassifier } from "../../classifier/heuristic-scorer";
import { loadClassifier } from "../../classifier/load-classifier";
import type { OutcomeRow } from "../../classifier/parse-outcomes";
import { stratifiedFolds } from "../../classifier/seeded-random";
import { trainClassifier } from "../../classifier/train-classifier";
import type { TierClassifier } from "../../classifier/types";
import type { ClassifierArtifact } from "../../classifier/model-artifact";

export type TrainJobInput = { rows: OutcomeRow[]; tiers: string[]; holdout: number; seed: number; activeArtifact: unknown | null; name: string };

export type ModelMetrics = {
  id: string;
  kind: "trained" | "heuristic";
  apgr: number;
  cpt50: number;
  cpt80: number;
  cpt95: number;
  ece: number;
  quality: number;
  cost: number;
  shares: number[];
  qualityErrorRate: number;
  costErrorRate: number;
  curve: Array<{ cost: number; quality: number }>;
};

export type TrainJobOutput = {
  artifact: ClassifierArtifact;
  metrics: { candidate: ModelMetrics; active: ModelMetrics; holdoutSize: number; trainSize: number };
  dataSummary: { rows: number; skipped: number; train: number; holdout: number; labelShares: number[]; sources: Record<string, number> };
};

export type Progress = (phase: string, fraction: number) => void;

function metricsOf(classifier: TierClassifier, holdout: LabeledRow[], weights: number[], seed: number): ModelMetrics {
  const rows: EvalRow[] = holdout.map((r) => toEvalRow(r, classifier.predict(r.row.input)));
  const report = evaluateRouter(rows, { weights, seed, tagKeys: [] });
  const summary = summarizeCurve(report.curve);
  return {
    id: classifier.id,
    kind: classifier.kind,
    ...summary,
    ece: report.calibration.ece,
    quality: report.point.quality,
    cost: report.point.cost,
    shares: report.point.shares,
    qualityErrorRate: report.point.qualityErrors.rate,
    costErrorRate: report.point.costErrors.rate,
    curve: sampleCurve(report.curve, 21).map((p) => ({ cost: p.cost, quality: p.quality })),
  };
}

export function trainAndCompare(input: TrainJobInput, progress: Progress = () => {}): TrainJobOutput {
  const { tiers, seed } = input;
  progress("preparing data", 0);
  const { labeled, skipped } = deriveLabels(input.rows, tiers);
  if (labeled.length < 20) throw new Error(`only ${labeled.length} usable rows: retraining needs at least 20 (check the data sources cover these tiers: ${tiers.join(", ")})`);
  const folds = Math.max(2, Math.round(1 / input.holdout));
  const fold = stratifiedFolds(labeled.map((r) => r.label), folds, seed);
  const train = labeled.filter((_, i) => fold[i] !== 0);
  const holdout = labeled.filter((_, i) => fold[i] === 0);
  const { artifact } = trainClassifier(train.map((r) => r.row), {
    tiers,
    seed,
    id: input.name,
    onProgress: (phase, done, total) => progress(phase, 0.05 + 0.8 * (total > 0 ? done / total : 0)),
  });
  progress("evaluating", 0.87);
  const weights = tierCostWeights(tiers.length, holdout.map((r) => r.costs));
  const candidate = metricsOf(loadClassifier(artifact), holdout, weights, seed);
  let active: TierClassifier = createHeuristicClassifier(tiers.length);
  if (input.activeArtifact) {
    try {
      active = adaptTierCount(loadClassifier(input.activeArtifact), tiers.length);
    } catch {
      // an unreadable active artifact compares as the built-in scorer, which the gateway would use
    }
  }
  const activeMetrics = metricsOf(active, holdout, weights, seed);
  const sources: Record<string, number> = {};
  for (const r of labeled) sources[r.row.tags.source ?? "dataset"] = (sources[r.row.tags.source ?? "dataset"] ?? 0) + 1;
  progress("done", 1);
  return {
    artifact,
    metrics: { candidate, active: activeMetrics, holdoutSize: holdout.length, trainSize: train.length },
    dataSummary: {
      rows: input.rows.length,
      skipped: skipped.length,
      train: train.length,
      holdout: holdout.length,
      labelShares: tiers.map((_, k) => labeled.filter((r) => r.label === k).length / labeled.length),
      sources,
    },
  };
}
