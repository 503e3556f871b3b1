/**
 * Turns an intent artifact into an IntentModel: validated with zod, the per-class weights
 * decoded once into one feature-major Float32Array, so a prediction is one pass over the
 * text's hashed features (C contiguous multiply-adds each) and a softmax.
 */
import { decodeWeights } from "../encode-weights";
import { IntentFeaturizer } from "./intent-features";
import { intentArtifactSchema, type IntentArtifact } from "./intent-artifact";
import type { IntentModel, IntentPrediction } from "./types";

export type LoadedIntentModel = IntentModel & {
  /** all classes' probabilities, in `classNames` order */
  probabilities(text: string): Float64Array;
  readonly classNames: readonly string[];
  readonly oosLabel: string | null;
};

export function loadIntentModel(json: unknown): LoadedIntentModel {
  const parsed = intentArtifactSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`invalid intent artifact: ${problems.join("; ")}`);
  }
  return fromArtifact(parsed.data);
}

function fromArtifact(artifact: IntentArtifact): LoadedIntentModel {
  const featurizer = new IntentFeaturizer(artifact.featurizer);
  const D = featurizer.dimension;
  const C = artifact.classes.length;
  const weights = new Float32Array(D * C);
  artifact.classes.forEach((cls, c) => {
    const dense = decodeWeights(cls.weights, D);
    for (let f = 0; f < D; f++) if (dense[f] !== 0) weights[f * C + c] = dense[f];
  });
  const biases = Float64Array.from(artifact.classes, (c) => c.bias);
  const classNames = artifact.classes.map((c) => c.name);
  const domainOf = artifact.classes.map((c) => c.domain);
  const oosIndex = artifact.oosLabel === null ? -1 : classNames.indexOf(artifact.oosLabel);
  const z = new Float64Array(C);
  const threshold = artifact.threshold;

  /** Softmax into z; returns the arg max. */
  function score(text: string): number {
    const { idx, val, count } = featurizer.entries(text);
    z.set(biases);
    for (let p = 0; p < count; p++) {
      const base = idx[p] * C;
      const v = val[p];
      for (let c = 0; c < C; c++) z[c] += weights[base + c] * v;
    }
    let best = 0;
    for (let c = 1; c < C; c++) if (z[c] > z[best]) best = c;
    const max = z[best];
    let sum = 0;
    for (let c = 0; c < C; c++) {
      z[c] = Math.exp(z[c] - max);
      sum += z[c];
    }
    for (let c = 0; c < C; c++) z[c] /= sum;
    return best;
  }

  return {
    id: artifact.id,
    classNames,
    oosLabel: artifact.oosLabel,
    intents: classNames.filter((_, c) => c !== oosIndex),
    domains: [...new Set(domainOf.filter((d): d is string => d !== undefined))].sort(),
    threshold,
    probabilities(text: string): Float64Array {
      score(text);
      return Float64Array.from(z);
    },
    predict(text: string): IntentPrediction {
      const best = score(text);
      const p = z[best];
      const domain = domainOf[best];
      return { intent: classNames[best], ...(domain !== undefined ? { domain } : {}), p, outOfScope: best === oosIndex || p < threshold };
    },
  };
}
