/**
 * Trains a classifier for an ordered tier set (cheapest first) from outcome rows:
 * labels -> hashed features -> per head (k = 1..N-1) an L2 logistic regression on the gain
 * target, L2 strength chosen by stratified k-fold CV on these rows (APGR of the out-of-fold
 * predictions), isotonic (or Platt) calibration fitted on the same out-of-fold margins against the hard
 * labels, final fit on all rows -> a versioned, compact JSON artifact.
 * Deterministic for a given seed (seeded folds, deterministic optimizer, no clock).
 */
import { CONTENT_FEATURE_NAMES } from "./content-features";
import { combineHash, hashWord } from "./content-markers";
import { deriveLabels, type SkippedRow } from "./derive-labels";
import { encodeWeights } from "./encode-weights";
import { tierCostWeights } from "./evaluate/tier-weights";
import { fitLogistic } from "./fit-logistic";
import { DEFAULT_FEATURIZER, HashFeaturizer, type FeaturizerConfig } from "./hash-features";
import { headTargets, type TargetKind } from "./head-targets";
import { ARTIFACT_FORMAT, ARTIFACT_VERSION, type ArtifactHead, type ClassifierArtifact } from "./model-artifact";
import type { OutcomeRow } from "./parse-outcomes";
import { stratifiedFolds } from "./seeded-random";
import { selectRegularization, type SelectionResult } from "./select-regularization";
import { allRows, compactColumns, csrFromVectors } from "./sparse-matrix";

export type TrainOptions = {
  tiers: string[];
  seed?: number;
  epsilon?: number;
  target?: TargetKind;
  featurizer?: FeaturizerConfig;
  /** L2 strengths tried by cross-validation */
  l2Grid?: number[];
  /** folds for the L2 choice and the calibration (>= 2) */
  folds?: number;
  maxIterations?: number;
  /** calibration fitted on the out-of-fold margins (default isotonic) */
  calibration?: "platt" | "isotonic";
  /** weights kept per head in the artifact */
  maxWeights?: number;
  id?: string;
  onProgress?: (phase: string, done: number, total: number) => void;
};

export type TrainResult = { artifact: ClassifierArtifact; skipped: SkippedRow[]; selection: SelectionResult };

export const DEFAULT_L2_GRID = [3e-3, 1e-3, 3e-4];

function round(x: number, digits = 6): number {
  return Number(x.toPrecision(digits));
}

function artifactId(heads: ArtifactHead[], tiers: string[]): string {
  let h = hashWord(tiers.join("|"));
  for (const head of heads) h = combineHash(h, hashWord(head.weights.index.slice(0, 4096) + head.weights.value.slice(0, 4096)));
  return `clf-${(h >>> 0).toString(16).padStart(8, "0")}`;
}

export function trainClassifier(rows: readonly OutcomeRow[], options: TrainOptions): TrainResult {
  const { tiers } = options;
  const seed = options.seed ?? 1;
  const epsilon = options.epsilon ?? 0;
  const target = options.target ?? "gain";
  const config = options.featurizer ?? DEFAULT_FEATURIZER;
  const progress = options.onProgress ?? (() => {});
  const { labeled, skipped } = deriveLabels(rows, tiers, epsilon);
  if (labeled.length < 10) throw new Error(`too few usable rows to train (${labeled.length}; need at least 10)`);
  const featurizer = new HashFeaturizer(config);
  const vectors = labeled.map((r, i) => {
    if (i % 500 === 0) progress("features", i, labeled.length);
    return featurizer.featurize(r.row.input);
  });
  const { matrix, columns } = compactColumns(csrFromVectors(vectors, featurizer.dimension));
  const heads = tiers.length - 1;
  const targets = headTargets(labeled, heads, target);
  const hardLabels = headTargets(labeled, heads, "label");
  const foldCount = Math.min(options.folds ?? 3, labeled.length);
  const selection = selectRegularization({
    matrix, rows: labeled, targets, hardLabels, foldCount,
    folds: stratifiedFolds(labeled.map((r) => r.label), foldCount, seed),
    grid: options.l2Grid ?? DEFAULT_L2_GRID,
    weights: tierCostWeights(tiers.length, labeled.map((r) => r.costs)),
    maxIterations: options.maxIterations ?? 80,
    calibration: options.calibration ?? "isotonic",
    onProgress: (d, t) => progress("cross-validation", d, t),
  });
  const every = allRows(labeled.length);
  const artifactHeads: ArtifactHead[] = targets.map((t, h) => {
    progress("final fit", h, heads);
    const model = fitLogistic(matrix, every, t, { l2: selection.l2, maxIterations: options.maxIterations ?? 80 });
    const c = selection.calibrations[h];
    return {
      bias: round(model.bias, 8),
      weights: encodeWeights(columns, model.weights, options.maxWeights ?? 150_000),
      calibration: c.method === "platt" ? { method: "platt", a: round(c.a, 8), b: round(c.b, 8) } : { method: "isotonic", x: c.x.map((v) => round(v)), y: c.y.map((v) => round(v)) },
    };
  });
  progress("final fit", heads, heads);
  const artifact: ClassifierArtifact = {
    format: ARTIFACT_FORMAT,
    version: ARTIFACT_VERSION,
    id: options.id ?? artifactId(artifactHeads, tiers),
    tiers: [...tiers],
    labeling: { epsilon, target },
    featurizer: { ...config, content: config.content ? [...CONTENT_FEATURE_NAMES] : [] },
    heads: artifactHeads,
    training: {
      rows: labeled.length, skipped: skipped.length, seed, folds: foldCount, l2: selection.l2,
      cvApgr: round(selection.apgr, 4), byL2: selection.byL2.map((b) => ({ l2: b.l2, apgr: round(b.apgr, 4) })),
    },
  };
  return { artifact, skipped, selection };
}
