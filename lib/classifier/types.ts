/**
 * The contract between classifiers (lib/classifier) and the routing engine (lib/routing).
 * Pure types: no I/O, no Next.js, no Prisma.
 */

/** One chat message with its content flattened to text (image parts etc. dropped). */
export type ChatTurn = {
  role: "system" | "user" | "assistant" | "tool" | "developer";
  content: string;
};

/** What a classifier sees of a request. */
export type ClassifierInput = {
  messages: ChatTurn[];
};

/**
 * A classifier for a policy with N tiers (cheapest first).
 * `predict` returns N-1 probabilities: p[k-1] = P(the request needs a tier of index >= k),
 * so p is non-increasing (p[0] >= p[1] >= ...). For two tiers, p[0] = P(needs the capable tier).
 */
export interface TierClassifier {
  /** "builtin" for the content scorer, else the classifier version's id. */
  readonly id: string;
  /** "heuristic" | "trained" — shown in the decision trace. */
  readonly kind: "heuristic" | "trained";
  /** Number of tiers the classifier was built for (N). */
  readonly tierCount: number;
  predict(input: ClassifierInput): number[];
}
