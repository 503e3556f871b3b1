/**
 * The built-in content scorer: a hand-weighted difficulty score over the content features,
 * mapped to P(needs tier >= k) for any number of tiers. Used until a trained classifier exists.
 *
 * difficulty z = sum of capped feature contributions (length, sub-questions, asks, code, math,
 * multi-turn depth, complaint/urgency) minus small-talk and FAQ markers;
 * p_k = sigmoid(SLOPE * (z - OFFSET - (k-1) * STEP)), k = 1..N-1, clipped to [0.02, 0.98].
 * The offsets grow with k, so p is non-increasing for every input.
 */
import { contentFeatures, type ContentFeatures } from "./content-features";
import type { ClassifierInput, TierClassifier } from "./types";

const SLOPE = 1.6;
const OFFSET = 0.6;
const STEP = 1.0;
const P_MIN = 0.02;
const P_MAX = 0.98;

const min = Math.min;

/** Each term is one reason a request may need a more capable tier (or a cheaper one). */
export function difficultyTerms(f: ContentFeatures): Record<string, number> {
  return {
    length: 0.5 * (Math.log1p(f.words) - 3),
    subQuestions: 0.35 * min(f.subQuestions, 4),
    listItems: 0.15 * min(f.listItems, 6),
    listAsk: 0.3 * min(f.listAsk, 2),
    explainAsk: 0.45 * min(f.explainAsk, 2),
    compareAsk: 0.6 * min(f.compareAsk, 2),
    reasoningAsk: 0.55 * min(f.reasoningAsk, 3),
    code: (f.codeBlocks > 0 ? 1 : 0) + 0.25 * min(f.codeWords, 6) + min(f.codeSymbolRate * 8, 1),
    math: 0.3 * min(f.mathWords, 5) + min(f.mathSymbolRate * 4, 0.8) + 0.2 * min(f.latex, 4),
    conversation: 0.3 * Math.log1p(f.assistantTurns),
    complaint: 0.5 * min(f.complaint, 3),
    urgency: 0.3 * min(f.urgency, 3),
    smallTalk: f.smallTalk > 0 && f.words < 12 ? -1.2 : 0,
    faq: -0.8 * min(f.faq, 2),
  };
}

/** The difficulty score z of a request's content features. */
export function difficultyScore(f: ContentFeatures): number {
  let z = 0;
  for (const v of Object.values(difficultyTerms(f))) z += v;
  return z;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Maps a difficulty score to a non-increasing p-vector of length tierCount - 1. */
export function difficultyToProbabilities(z: number, tierCount: number): number[] {
  const p = new Array<number>(tierCount - 1);
  for (let k = 0; k < tierCount - 1; k++) {
    const v = sigmoid(SLOPE * (z - OFFSET - k * STEP));
    p[k] = v < P_MIN ? P_MIN : v > P_MAX ? P_MAX : v;
  }
  return p;
}

/** The built-in heuristic classifier for a policy with `tierCount` tiers (N >= 2). */
export function createHeuristicClassifier(tierCount: number): TierClassifier {
  if (!Number.isInteger(tierCount) || tierCount < 2) {
    throw new RangeError(`tierCount must be an integer >= 2, got ${tierCount}`);
  }
  return {
    id: "builtin",
    kind: "heuristic",
    tierCount,
    predict(input: ClassifierInput): number[] {
      return difficultyToProbabilities(difficultyScore(contentFeatures(input)), tierCount);
    },
  };
}
