/** What evaluation needs per request: the router's p-vector and each tier's recorded outcome. */
export type EvalRow = {
  id: string;
  /** p[k-1] = P(needs tier >= k), non-increasing, length N-1 */
  p: readonly number[];
  /** score per tier (cheapest first), 0..1 */
  scores: readonly number[];
  /** derived routing label (index of the cheapest good-enough tier) */
  label: number;
  tags?: Readonly<Record<string, string>>;
};

/** One point of the cost-quality curve. */
export type CurvePoint = {
  /** normalized cost: 0 = all requests on the cheapest tier, 1 = all on the most capable */
  cost: number;
  /** mean score of the routed answers */
  quality: number;
  /** performance gap recovered: (quality - cheapest) / (most capable - cheapest) */
  pgr: number;
  /** share of requests per tier at this point */
  shares: number[];
  /** the decision parameter that produced the point (lambda of the cost-aware rule) */
  lambda: number;
};

/** Picks a tier index for a p-vector (the row is there for oracle-style rules). */
export type DecisionRule = (p: readonly number[], row: EvalRow) => number;
