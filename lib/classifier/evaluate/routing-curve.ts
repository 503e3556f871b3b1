/**
 * The cost-quality curve of a router: every position of the cost-aware decision rule
 *   tier(p) = argmin_k  w_k + lambda * q_k,   q_k = P(tier k is not enough) = p[k] (q_{N-1} = 0)
 * as lambda sweeps 0 -> infinity (0 = everything on the cheapest tier, infinity = everything on
 * the most capable). w_k are the tiers' relative costs (tier-weights.ts). For two tiers this is
 * exactly a threshold on p[0] swept from 1 to 0, i.e. RouteLLM's sweep; for N tiers it is the
 * bias slider of DESIGN.md. Rows with equal p move together (one point per distinct lambda).
 */
import type { CurvePoint, EvalRow } from "./eval-types";

type Event = { lambda: number; row: number; tier: number };

/** Where a row's chosen tier changes as lambda grows: (lambda, new tier) in order. */
export function tierSwitches(p: readonly number[], weights: readonly number[]): Array<[number, number]> {
  const n = weights.length;
  const q = (k: number) => (k < n - 1 ? p[k] : 0);
  const out: Array<[number, number]> = [];
  let k = 0;
  let at = 0;
  for (;;) {
    let best = -1;
    let bestLambda = Infinity;
    for (let j = k + 1; j < n; j++) {
      const dq = q(k) - q(j);
      if (!(dq > 0)) continue;
      const lambda = Math.max(at, (weights[j] - weights[k]) / dq);
      if (lambda <= bestLambda) {
        bestLambda = lambda;
        best = j;
      }
    }
    if (best < 0) return out;
    out.push([bestLambda, best]);
    k = best;
    at = bestLambda;
  }
}

function makePoint(quality: number, cost: number, counts: number[], n: number, lo: number, hi: number, lambda: number): CurvePoint {
  const gap = hi - lo;
  return { cost: cost / n, quality: quality / n, pgr: gap !== 0 ? (quality / n - lo) / gap : Number.NaN, shares: counts.map((c) => c / n), lambda };
}

/** The full curve, from all-cheapest (lambda 0) to all-most-capable (lambda infinity). */
export function routingCurve(rows: readonly EvalRow[], weights: readonly number[]): CurvePoint[] {
  const n = rows.length;
  const top = weights.length - 1;
  if (n === 0) return [];
  let lo = 0;
  let hi = 0;
  for (const r of rows) {
    lo += r.scores[0] / n;
    hi += r.scores[top] / n;
  }
  const events: Event[] = [];
  rows.forEach((r, row) => {
    for (const [lambda, tier] of tierSwitches(r.p, weights)) events.push({ lambda, row, tier });
  });
  events.sort((a, b) => a.lambda - b.lambda || a.row - b.row);
  const tierOf = new Int32Array(n);
  const counts = new Array<number>(weights.length).fill(0);
  counts[0] = n;
  let quality = lo * n;
  let cost = 0;
  const points = [makePoint(quality, cost, counts, n, lo, hi, 0)];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const from = tierOf[e.row];
    quality += rows[e.row].scores[e.tier] - rows[e.row].scores[from];
    cost += weights[e.tier] - weights[from];
    counts[from]--;
    counts[e.tier]++;
    tierOf[e.row] = e.tier;
    if (i + 1 === events.length || events[i + 1].lambda !== e.lambda) points.push(makePoint(quality, cost, counts, n, lo, hi, e.lambda));
  }
  const last = points[points.length - 1];
  if (last.shares[top] < 1) {
    const all = counts.map((_, k) => (k === top ? n : 0));
    points.push(makePoint(hi * n, n, all, n, lo, hi, Infinity));
  }
  return points;
}

/** At most `count` points of the curve, evenly spaced in cost, for display. */
export function sampleCurve(points: readonly CurvePoint[], count = 51): CurvePoint[] {
  if (points.length <= count) return [...points];
  const out: CurvePoint[] = [];
  let j = 0;
  for (let i = 0; i < count; i++) {
    const target = i / (count - 1);
    while (j < points.length - 1 && points[j + 1].cost <= target) j++;
    if (out[out.length - 1] !== points[j]) out.push(points[j]);
  }
  if (out[out.length - 1] !== points[points.length - 1]) out.push(points[points.length - 1]);
  return out;
}
