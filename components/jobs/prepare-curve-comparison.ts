/**
 * The two cost–quality curves of a retraining result on shared axes: the candidate's and the
 * active classifier's, each 21 points (cost normalized to always-the-top-tier = 1), with
 * colours, axes from zero (quality 0–100%, like the slider's chart: a small gap is not drawn as a
 * large one) and a sentence for screen readers.
 */
import { METRIC_COLORS } from "@/components/charts/palette";
import type { Metric } from "./types";

export type CurvePoint = { cost: number; quality: number };
export type CurveSeries = { key: "candidate" | "active"; name: string; color: string; dashed: boolean; points: CurvePoint[] };
export type CurveComparison = { series: CurveSeries[]; xDomain: [number, number]; yDomain: [number, number]; summary: string };

type Side = { name: string; curve: readonly CurvePoint[]; apgr: Metric };

function clean(curve: readonly CurvePoint[]): CurvePoint[] {
  return curve.filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.quality)).toSorted((a, b) => a.cost - b.cost);
}

function apgrText(v: Metric): string {
  return typeof v === "number" && Number.isFinite(v) ? v.toFixed(3) : "n/a";
}

export function prepareCurveComparison(candidate: Side, active: Side): CurveComparison {
  const series: CurveSeries[] = [
    { key: "active", name: active.name, color: METRIC_COLORS.secondary, dashed: true, points: clean(active.curve) },
    { key: "candidate", name: candidate.name, color: METRIC_COLORS.primary, dashed: false, points: clean(candidate.curve) },
  ];
  const all = series.flatMap((s) => s.points);
  const costs = all.map((p) => p.cost);
  const xMax = costs.length ? Math.max(1, ...costs) : 1;
  const yDomain: [number, number] = [0, 1];
  const summary = all.length
    ? `Quality against normalized cost on the held-out split: ${candidate.name} (APGR ${apgrText(candidate.apgr)}) against ${active.name} (APGR ${apgrText(active.apgr)}).`
    : "No curve was recorded for this result.";
  return { series, xDomain: [0, xMax], yDomain, summary };
}
