/**
 * Uses a two-tier classifier for a policy with N tiers: the two-tier p ("needs the capable
 * tier") becomes P(needs the most capable tier), and the middle thresholds are spread by
 * p_k = p^(k / (N-1)), k = 1..N-1, which is non-increasing in k and keeps p_{N-1} = p.
 * A stop-gap until a classifier is trained for the policy's tiers (`frontdesk train`).
 */
import type { ClassifierInput, TierClassifier } from "./types";

export function adaptTierCount(classifier: TierClassifier, tierCount: number): TierClassifier {
  if (!Number.isInteger(tierCount) || tierCount < 2) throw new RangeError(`tierCount must be an integer >= 2, got ${tierCount}`);
  if (classifier.tierCount === tierCount) return classifier;
  if (classifier.tierCount !== 2) throw new RangeError(`only two-tier classifiers can be adapted (got ${classifier.tierCount} tiers)`);
  return {
    id: classifier.id,
    kind: classifier.kind,
    tierCount,
    predict(input: ClassifierInput): number[] {
      const p = Math.min(1, Math.max(0, classifier.predict(input)[0]));
      return Array.from({ length: tierCount - 1 }, (_, i) => p ** ((i + 1) / (tierCount - 1)));
    },
  };
}
