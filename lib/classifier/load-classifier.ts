/**
 * Turns a trained artifact into a TierClassifier: validates it with zod, decodes the weights
 * into dense vectors once, and predicts by hashing the request's features straight into dot
 * products (no intermediate vector): p_k = calibration_k(margin_k), made non-increasing.
 */
import { applyCalibration } from "./calibrate";
import { CONTENT_FEATURE_NAMES } from "./content-features";
import { decodeWeights } from "./encode-weights";
import { featureDimension, HashFeaturizer, type FeaturizerConfig } from "./hash-features";
import { artifactSchema, type ClassifierArtifact } from "./model-artifact";
import type { ClassifierInput, TierClassifier } from "./types";

export type TrainedClassifier = TierClassifier & {
  readonly kind: "trained";
  readonly tiers: readonly string[];
  /** how the training labels were derived (eval uses the same epsilon by default) */
  readonly labeling: ClassifierArtifact["labeling"];
  /** raw margins per head, before calibration (for diagnostics) */
  margins(input: ClassifierInput): number[];
};

export function featurizerFromArtifact(f: ClassifierArtifact["featurizer"]): FeaturizerConfig {
  if (f.content.length > 0) {
    const same = f.content.length === CONTENT_FEATURE_NAMES.length && f.content.every((n, i) => n === CONTENT_FEATURE_NAMES[i]);
    if (!same) throw new Error("classifier artifact: its content features do not match this version of Frontdesk; retrain it");
  }
  return { bits: f.bits, wordNgrams: f.wordNgrams, charNgrams: f.charNgrams, charWindow: f.charWindow, content: f.content.length > 0 };
}

/** Validates and loads an artifact (the parsed JSON). Throws with the problems listed. */
export function loadClassifier(json: unknown): TrainedClassifier {
  const parsed = artifactSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`invalid classifier artifact: ${problems.join("; ")}`);
  }
  const artifact = parsed.data;
  const config = featurizerFromArtifact(artifact.featurizer);
  const dimension = featureDimension(config);
  const weights = artifact.heads.map((h) => decodeWeights(h.weights, dimension));
  const biases = artifact.heads.map((h) => h.bias);
  const calibrations = artifact.heads.map((h) => h.calibration);
  const featurizer = new HashFeaturizer(config);
  const margins = (input: ClassifierInput) => featurizer.margins(input, weights, biases);
  return {
    id: artifact.id,
    kind: "trained",
    tierCount: artifact.tiers.length,
    tiers: artifact.tiers,
    labeling: artifact.labeling,
    margins,
    predict(input: ClassifierInput): number[] {
      const z = margins(input);
      const p = new Array<number>(z.length);
      let cap = 1;
      for (let k = 0; k < z.length; k++) {
        cap = Math.min(cap, applyCalibration(calibrations[k], z[k]));
        p[k] = cap;
      }
      return p;
    },
  };
}
