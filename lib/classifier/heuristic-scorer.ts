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

/** Each term is one reason a request may need a more capable tier (or a cheaper one), in the order they are summed. */
const TERMS: ReadonlyArray<readonly [string, (f: ContentFeatures) => number]> = [
  ["length", (f) => 0.5 * (Math.log1p(f.words) - 3)],
  ["subQuestions", (f) => 0.35 * min(f.subQuestions, 4)],
  ["listItems", (f) => 0.15 * min(f.listItems, 6)],
  ["listAsk", (f) => 0.3 * min(f.listAsk, 2)],
  ["explainAsk", (f) => 0.45 * min(f.explainAsk, 2)],
  ["compareAsk", (f) => 0.6 * min(f.compareAsk, 2)],
  ["reasoningAsk", (f) => 0.55 * min(f.reasoningAsk, 3)],
  ["code", (f) => (f.codeBlocks > 0 ? 1 : 0) + 0.25 * min(f.codeWords, 6) + min(f.codeSymbolRate * 8, 1)],
  ["math", (f) => 0.3 * min(f.mathWords, 5) + min(f.mathSymbolRate * 4, 0.8) + 0.2 * min(f.latex, 4)],
  ["conversation", (f) => 0.3 * Math.log1p(f.assistantTurns)],
  ["complaint", (f) => 0.5 * min(f.complaint, 3)],
  ["urgency", (f) => 0.3 * min(f.urgency, 3)],
  ["smallTalk", (f) => (f.smallTalk > 0 && f.words < 12 ? -1.2 : 0)],
  ["faq", (f) => -0.8 * min(f.faq, 2)],
];

/** Each term's contribution to the difficulty score, by name. */
export function difficultyTerms(f: ContentFeatures): Record<string, number> {
  const terms: Record<string, number> = {};
  for (const [name, term] of TERMS) terms[name] = term(f);
  return terms;
}

/** The difficulty score z of a request's content features: the sum of its terms (no record built: it runs per request). */
export function difficultyScore(f: ContentFeatures): number {
  let z = 0;
  for (let i = 0; i < TERMS.length; i++) z += TERMS[i]![1](f);
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
