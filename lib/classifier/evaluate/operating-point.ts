/**
 * What one decision rule does on a labeled sample: tier shares, quality, normalized cost, PGR,
 * and misroutes by direction against the derived labels (quality errors: sent to a tier
 * below the label; cost errors: sent above it), as counts and rates.
 */
import type { DecisionRule, EvalRow } from "./eval-types";

export type OperatingPoint = {
  quality: number;
  cost: number;
  pgr: number;
  shares: number[];
  qualityErrors: { count: number; rate: number };
  costErrors: { count: number; rate: number };
  accuracy: number;
};

/** The engine's simple rule: the highest k whose p_k >= threshold (0 if none). */
export function thresholdRule(threshold: number): DecisionRule {
  return (p) => {
    let tier = 0;
    for (let k = 0; k < p.length; k++) if (p[k] >= threshold) tier = k + 1;
    return tier;
  };
}

/** The cost-aware rule of DESIGN.md: argmin_k w_k + lambda * P(tier k is not enough). */
export function costAwareRule(lambda: number, weights: readonly number[]): DecisionRule {
  return (p) => {
    let best = 0;
    let bestLoss = Infinity;
    for (let k = 0; k < weights.length; k++) {
      const loss = weights[k] + lambda * (k < p.length ? p[k] : 0);
      if (loss < bestLoss) {
        bestLoss = loss;
        best = k;
      }
    }
    return best;
  };
}

export function operatingPoint(rows: readonly EvalRow[], rule: DecisionRule, weights: readonly number[]): OperatingPoint {
  const n = rows.length;
  const top = weights.length - 1;
  const counts = new Array<number>(weights.length).fill(0);
  let quality = 0, cost = 0, lo = 0, hi = 0, low = 0, high = 0;
  for (const r of rows) {
    const t = Math.min(top, Math.max(0, rule(r.p, r)));
    counts[t]++;
    quality += r.scores[t];
    cost += weights[t];
    lo += r.scores[0];
    hi += r.scores[top];
    if (t < r.label) low++;
    else if (t > r.label) high++;
  }
  const d = Math.max(1, n);
  return {
    quality: quality / d,
    cost: cost / d,
    pgr: hi !== lo ? (quality - lo) / (hi - lo) : Number.NaN,
    shares: counts.map((c) => c / d),
    qualityErrors: { count: low, rate: low / d },
    costErrors: { count: high, rate: high / d },
    accuracy: (n - low - high) / d,
  };
}
