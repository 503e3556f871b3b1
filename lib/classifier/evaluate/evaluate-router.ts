/**
 * The full offline evaluation of a router (any p-vectors) on a labeled sample and tier set:
 * cost-quality curve, APGR and CPT(50/80/95%), the operating point of a decision rule with
 * misroutes by direction, calibration (ECE, reliability bins), baselines and a per-tag
 * breakdown.
 */
import { baselines, type Baselines } from "./baselines";
import { calibrationSummary, type CalibrationSummary } from "./calibration";
import { summarizeCurve, type CurveSummary } from "./curve-metrics";
import type { CurvePoint, DecisionRule, EvalRow } from "./eval-types";
import { operatingPoint, thresholdRule, type OperatingPoint } from "./operating-point";
import { routingCurve, sampleCurve } from "./routing-curve";

export type TagBreakdown = { value: string; n: number; labelShares: number[]; summary: CurveSummary; point: OperatingPoint };

export type EvalReport = {
  rows: number;
  weights: number[];
  summary: CurveSummary;
  curve: CurvePoint[];
  point: OperatingPoint & { rule: string };
  calibration: CalibrationSummary;
  baselines: Baselines;
  perTag: Record<string, TagBreakdown[]>;
};

export type EvalOptions = {
  /** relative tier costs (tier-weights.ts) */
  weights: number[];
  /** the operating point's rule; default: threshold 0.5 on every p_k */
  rule?: DecisionRule;
  ruleName?: string;
  /** tag keys to break down by; default: every key with 2..50 distinct values */
  tagKeys?: string[];
  seed?: number;
};

function defaultTagKeys(rows: readonly EvalRow[]): string[] {
  const values = new Map<string, Set<string>>();
  for (const r of rows) for (const [k, v] of Object.entries(r.tags ?? {})) (values.get(k) ?? values.set(k, new Set()).get(k)!).add(v);
  return [...values].filter(([, v]) => v.size >= 2 && v.size <= 50).map(([k]) => k).sort();
}

function breakdown(rows: readonly EvalRow[], key: string, options: EvalOptions, rule: DecisionRule): TagBreakdown[] {
  const groups = new Map<string, EvalRow[]>();
  for (const r of rows) {
    const v = r.tags?.[key];
    if (v !== undefined) (groups.get(v) ?? groups.set(v, []).get(v)!).push(r);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, group]) => ({
      value,
      n: group.length,
      labelShares: options.weights.map((_, k) => group.filter((r) => r.label === k).length / group.length),
      summary: summarizeCurve(routingCurve(group, options.weights)),
      point: operatingPoint(group, rule, options.weights),
    }));
}

export function evaluateRouter(rows: readonly EvalRow[], options: EvalOptions): EvalReport {
  const rule = options.rule ?? thresholdRule(0.5);
  const points = routingCurve(rows, options.weights);
  const point = operatingPoint(rows, rule, options.weights);
  const perTag: Record<string, TagBreakdown[]> = {};
  for (const key of options.tagKeys ?? defaultTagKeys(rows)) perTag[key] = breakdown(rows, key, options, rule);
  return {
    rows: rows.length,
    weights: options.weights,
    summary: summarizeCurve(points),
    curve: sampleCurve(points),
    point: { ...point, rule: options.ruleName ?? "threshold 0.5" },
    calibration: calibrationSummary(rows),
    baselines: baselines(rows, options.weights, point.shares, options.seed),
    perTag,
  };
}
