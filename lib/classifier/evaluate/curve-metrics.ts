/**
 * RouteLLM's summary metrics on a cost-quality curve (RouteLLM, Ong et al. 2024):
 * - PGR (performance gap recovered) = (quality - cheapest) / (most capable - cheapest);
 * - APGR = area under PGR as the share of strong-model calls goes 0 -> 100% (trapezoids;
 *   RouteLLM's evaluate.py does the same over 10 quantile thresholds, we use every distinct
 *   threshold); random routing scores 0.5, perfect ranking can exceed 1 when the weak model
 *   is sometimes better;
 * - CPT(x) = the minimum share of strong-model calls that reaches PGR >= x (linear
 *   interpolation between curve points, as mixing two thresholds would give).
 * For N tiers the x-axis is the normalized cost (tier-weights.ts) instead of the call share.
 */
import type { CurvePoint } from "./eval-types";

export function apgr(points: readonly CurvePoint[]): number {
  if (points.length < 2) return Number.NaN;
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    area += ((b.cost - a.cost) * (a.pgr + b.pgr)) / 2;
  }
  const span = points[points.length - 1].cost - points[0].cost;
  return span > 0 ? area / span : Number.NaN;
}

/** Minimum normalized cost reaching PGR >= target; NaN if never reached. */
export function costToReach(points: readonly CurvePoint[], target: number): number {
  if (points.length === 0) return Number.NaN;
  if (points[0].pgr >= target) return points[0].cost;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (b.pgr >= target) {
      if (b.pgr === a.pgr) return b.cost;
      return a.cost + ((target - a.pgr) * (b.cost - a.cost)) / (b.pgr - a.pgr);
    }
  }
  return Number.NaN;
}

export type CurveSummary = { apgr: number; cpt50: number; cpt80: number; cpt95: number };

export function summarizeCurve(points: readonly CurvePoint[]): CurveSummary {
  return { apgr: apgr(points), cpt50: costToReach(points, 0.5), cpt80: costToReach(points, 0.8), cpt95: costToReach(points, 0.95) };
}
