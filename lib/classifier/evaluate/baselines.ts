/**
 * Reference routers on the same sample:
 * - random: a content-blind router that mixes tiers at random. Its best expected curve is the
 *   upper concave envelope of the single-tier points (relative cost w_k, PGR of always-tier-k);
 *   for two tiers that is the diagonal, so APGR = 0.5 and CPT(x) = x, as in RouteLLM. With a
 *   cheap middle tier that is nearly as good as the top one, random mixing already recovers much
 *   of the gap, and this baseline says so. We also run a seeded random-score router;
 * - random at the same shares as the evaluated router (expected quality);
 * - always-cheapest, always-most-capable;
 * - oracle: the derived label as the decision, and the oracle curve that ranks requests by
 *   their true benefit p_k = (1 + best score on tiers >= k - best score below k) / 2.
 */
import { createRng } from "../seeded-random";
import { summarizeCurve, type CurveSummary } from "./curve-metrics";
import type { CurvePoint, EvalRow } from "./eval-types";
import { operatingPoint, type OperatingPoint } from "./operating-point";
import { routingCurve } from "./routing-curve";

export type Baselines = {
  random: CurveSummary & { empirical: CurveSummary };
  randomAtSameShares: { quality: number; pgr: number };
  alwaysCheapest: OperatingPoint;
  alwaysMostCapable: OperatingPoint;
  oracle: OperatingPoint & { curve: CurveSummary };
};

export function oracleVector(scores: readonly number[]): number[] {
  const p: number[] = [];
  for (let k = 1; k < scores.length; k++) {
    const below = Math.max(...scores.slice(0, k));
    const above = Math.max(...scores.slice(k));
    p.push((1 + above - below) / 2);
  }
  for (let k = 1; k < p.length; k++) p[k] = Math.min(p[k], p[k - 1]);
  return p;
}

/** Upper concave envelope from (0, 0) to (1, 1) of the always-tier-k points. */
export function randomEnvelope(rows: readonly EvalRow[], weights: readonly number[]): CurvePoint[] {
  const n = Math.max(1, rows.length);
  const top = weights.length - 1;
  const mean = weights.map((_, k) => rows.reduce((s, r) => s + r.scores[k], 0) / n);
  const gap = mean[top] - mean[0];
  const pts = weights
    .map((w, k) => ({ k, cost: w, pgr: gap !== 0 ? (mean[k] - mean[0]) / gap : Number.NaN }))
    .sort((a, b) => a.cost - b.cost || b.pgr - a.pgr);
  const hull: typeof pts = [];
  for (const p of pts) {
    while (hull.length >= 2) {
      const [a, b] = [hull[hull.length - 2], hull[hull.length - 1]];
      // drop b if it lies on or below the segment a -> p
      if ((b.pgr - a.pgr) * (p.cost - a.cost) <= (p.pgr - a.pgr) * (b.cost - a.cost)) hull.pop();
      else break;
    }
    if (hull.length === 0 || p.cost > hull[hull.length - 1].cost) hull.push(p);
  }
  return hull.map((h) => ({ cost: h.cost, quality: mean[h.k], pgr: h.pgr, shares: weights.map((_, k) => (k === h.k ? 1 : 0)), lambda: Number.NaN }));
}

function randomVector(heads: number, rng: () => number): number[] {
  return Array.from({ length: heads }, rng).sort((a, b) => b - a);
}

export function baselines(rows: readonly EvalRow[], weights: readonly number[], shares: readonly number[], seed = 1): Baselines {
  const top = weights.length - 1;
  const heads = top;
  const rng = createRng(seed);
  const randomRows = rows.map((r) => ({ ...r, p: randomVector(heads, rng) }));
  const oracleRows = rows.map((r) => ({ ...r, p: oracleVector(r.scores) }));
  const n = Math.max(1, rows.length);
  const mean = weights.map((_, k) => rows.reduce((s, r) => s + r.scores[k], 0) / n);
  const quality = shares.reduce((s, share, k) => s + share * mean[k], 0);
  const gap = mean[top] - mean[0];
  return {
    random: { ...summarizeCurve(randomEnvelope(rows, weights)), empirical: summarizeCurve(routingCurve(randomRows, weights)) },
    randomAtSameShares: { quality, pgr: gap !== 0 ? (quality - mean[0]) / gap : Number.NaN },
    alwaysCheapest: operatingPoint(rows, () => 0, weights),
    alwaysMostCapable: operatingPoint(rows, () => top, weights),
    oracle: { ...operatingPoint(rows, (_p, r) => r.label, weights), curve: summarizeCurve(routingCurve(oracleRows, weights)) },
  };
}
