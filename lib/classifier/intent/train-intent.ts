/**
 * Trains an intent model: hashed features (intent-features.ts) → softmax regression
 * (fit-softmax.ts) → quantized artifact → out-of-scope threshold picked on validation data with
 * the quantized model (pick-threshold.ts), so the threshold fits what ships.
 * Validation data: `val` when given; else, when the training data has out-of-scope examples, a
 * stratified 10% of it drawn with `seed` (held out of the fit); else none (threshold 0).
 * The fit itself has no randomness: same data and options → same bytes.
 */
import { encodeWeights } from "../encode-weights";
import { stratifiedFolds } from "../seeded-random";
import { csrFromVectors } from "../sparse-matrix";
import { fitSoftmax } from "./fit-softmax";
import { INTENT_FORMAT, INTENT_VERSION, type IntentArtifact } from "./intent-artifact";
import { DEFAULT_INTENT_FEATURIZER, IntentFeaturizer, type IntentFeaturizerConfig } from "./intent-features";
import { evaluateIntents, OOS, type IntentMetrics } from "./evaluate-intent";
import { loadIntentModel } from "./load-intent-model";
import { pickThreshold } from "./pick-threshold";
import type { IntentExample } from "./types";

export type IntentTrainOptions = {
  id?: string;
  seed?: number;
  l2?: number;
  featurizer?: IntentFeaturizerConfig;
  /** largest-magnitude weights kept per class in the artifact */
  maxWeightsPerClass?: number;
  maxIterations?: number;
  /** the out-of-scope label in the data */
  oosLabel?: string;
  /** intent → domain */
  domains?: Readonly<Record<string, string>>;
  onProgress?: (phase: string) => void;
};

export type IntentTrainResult = { artifact: IntentArtifact; validation: IntentMetrics | null };

export const DEFAULT_INTENT_L2 = 1e-5;
export const DEFAULT_MAX_WEIGHTS_PER_CLASS = 2000;

export function trainIntentModel(train: readonly IntentExample[], val: readonly IntentExample[] | null, options: IntentTrainOptions = {}): IntentTrainResult {
  const seed = options.seed ?? 1;
  const oosLabel = options.oosLabel ?? OOS;
  const config = options.featurizer ?? DEFAULT_INTENT_FEATURIZER;
  const l2 = options.l2 ?? DEFAULT_INTENT_L2;
  const split = val ? { fit: train, check: val } : holdOut(train, oosLabel, seed);
  const classes = [...new Set(split.fit.map((e) => e.intent))].sort();
  if (classes.length < 2) throw new Error("intent training needs at least two intents");
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const featurizer = new IntentFeaturizer(config);
  const matrix = csrFromVectors(split.fit.map((e) => featurizer.featurize(e.text)), featurizer.dimension);
  const labels = Int32Array.from(split.fit, (e) => classIndex.get(e.intent)!);
  options.onProgress?.(`fitting ${classes.length} classes on ${split.fit.length} examples`);
  const model = fitSoftmax(matrix, labels, classes.length, { l2, maxIterations: options.maxIterations });
  const C = classes.length;
  const D = featurizer.dimension;
  const indices = Int32Array.from({ length: D }, (_, f) => f);
  const maxWeights = options.maxWeightsPerClass ?? DEFAULT_MAX_WEIGHTS_PER_CLASS;
  const hasOos = classIndex.has(oosLabel);
  const artifact: IntentArtifact = {
    format: INTENT_FORMAT,
    version: INTENT_VERSION,
    id: options.id ?? `intent-${classes.length}c-s${seed}`,
    featurizer: config,
    oosLabel: hasOos ? oosLabel : null,
    threshold: 0,
    classes: classes.map((name, c) => {
      const w = Float64Array.from({ length: D }, (_, f) => model.weights[f * C + c]);
      const domain = options.domains?.[name];
      return { name, ...(domain ? { domain } : {}), bias: round(model.biases[c]), weights: encodeWeights(indices, w, maxWeights) };
    }),
  };
  let validation: IntentMetrics | null = null;
  if (split.check.length > 0) {
    options.onProgress?.(`picking the out-of-scope threshold on ${split.check.length} validation examples`);
    const unthresholded = loadIntentModel(artifact);
    const raw = split.check.map((e) => unthresholded.predict(e.text));
    artifact.threshold = pickThreshold(split.check, raw, oosLabel).threshold;
    const withThreshold = loadIntentModel(artifact);
    validation = evaluateIntents(split.check, split.check.map((e) => withThreshold.predict(e.text)), oosLabel);
  }
  artifact.training = {
    examples: split.fit.length,
    validationExamples: split.check.length,
    validation: val ? "given" : split.check.length ? "10% held out (seeded)" : "none",
    seed,
    l2,
    maxWeightsPerClass: Number.isFinite(maxWeights) ? maxWeights : null,
    thresholdRule: "max macro-F1 (oos as one class) on validation, t in 0.00..0.99",
    ...(validation ? { validationMetrics: roundMetrics(validation) } : {}),
  };
  return { artifact, validation };
}

function holdOut(train: readonly IntentExample[], oosLabel: string, seed: number) {
  if (!train.some((e) => e.intent === oosLabel)) return { fit: train, check: [] as IntentExample[] };
  const names = [...new Set(train.map((e) => e.intent))].sort();
  const folds = stratifiedFolds(train.map((e) => names.indexOf(e.intent)), 10, seed);
  return { fit: train.filter((_, i) => folds[i] !== 0), check: train.filter((_, i) => folds[i] === 0) };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function roundMetrics(m: IntentMetrics): Record<string, number | null> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v === "number" ? Math.round(v * 1e4) / 1e4 : v]));
}
