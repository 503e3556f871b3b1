/**
 * The candidate's metrics beside the active classifier's, both measured on the same held-out
 * split by the retraining job (lib/jobs/retrain/train-and-compare.ts): one row per metric with
 * both values formatted, the difference and which side it favours; and the facts about the data.
 */
import { formatCount, formatPercent } from "@/components/charts/format";
import type { ComparisonMetrics, DataSummary, Metric, ModelMetrics } from "./types";

type MetricKey = "apgr" | "cpt50" | "cpt80" | "cpt95" | "ece" | "quality" | "cost" | "qualityErrorRate" | "costErrorRate";

type MetricSpec = { key: MetricKey; label: string; hint: string; higherIsBetter: boolean; format: (v: number) => string };

const fixed3 = (v: number) => v.toFixed(3);
const pct = (v: number) => formatPercent(v, 1);

export const METRIC_SPECS: readonly MetricSpec[] = [
  { key: "apgr", label: "APGR", hint: "Average performance gap recovered over the cost range (higher is better; random routing scores 0.5).", higherIsBetter: true, format: fixed3 },
  { key: "cpt50", label: "CPT(50%)", hint: "Cost, as a share of always using the top tier, to recover half the quality gap.", higherIsBetter: false, format: pct },
  { key: "cpt80", label: "CPT(80%)", hint: "Cost share to recover 80% of the quality gap.", higherIsBetter: false, format: pct },
  { key: "cpt95", label: "CPT(95%)", hint: "Cost share to recover 95% of the quality gap.", higherIsBetter: false, format: pct },
  { key: "ece", label: "ECE", hint: "Expected calibration error of the predicted probabilities (lower is better).", higherIsBetter: false, format: fixed3 },
  { key: "quality", label: "Quality", hint: "Mean answer quality at the policy's operating point.", higherIsBetter: true, format: fixed3 },
  { key: "cost", label: "Cost", hint: "Normalized cost at the operating point (share of always using the top tier).", higherIsBetter: false, format: pct },
  { key: "qualityErrorRate", label: "Quality-error rate", hint: "Requests sent to a tier too weak for them.", higherIsBetter: false, format: pct },
  { key: "costErrorRate", label: "Cost-error rate", hint: "Requests sent to a stronger tier than they needed.", higherIsBetter: false, format: pct },
];

export type Verdict = "better" | "worse" | "same" | null;

export type MetricRow = { key: MetricKey; label: string; hint: string; candidate: string; active: string; delta: string | null; verdict: Verdict };

const EPSILON = 1e-9;

function usable(v: Metric | undefined): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function signedDelta(diff: number, spec: MetricSpec): string {
  if (Math.abs(diff) < EPSILON) return "±0";
  const text = spec.format === pct ? `${(Math.abs(diff) * 100).toFixed(1)} pp` : Math.abs(diff).toFixed(3);
  return `${diff > 0 ? "+" : "−"}${text}`;
}

export function compareMetrics(candidate: ModelMetrics, active: ModelMetrics): MetricRow[] {
  return METRIC_SPECS.map((spec) => {
    const c = candidate[spec.key];
    const a = active[spec.key];
    const base = { key: spec.key, label: spec.label, hint: spec.hint, candidate: usable(c) ? spec.format(c) : "—", active: usable(a) ? spec.format(a) : "—" };
    if (!usable(c) || !usable(a)) return { ...base, delta: null, verdict: null };
    const diff = c - a;
    const verdict: Verdict = Math.abs(diff) < EPSILON ? "same" : diff > 0 === spec.higherIsBetter ? "better" : "worse";
    return { ...base, delta: signedDelta(diff, spec), verdict };
  });
}

/** "Better on 6 of 9 metrics, worse on 2." for the panel's heading and the screen-reader summary. */
export function summarizeComparison(rows: readonly MetricRow[]): string {
  const compared = rows.filter((r) => r.verdict !== null);
  if (compared.length === 0) return "No metric could be compared.";
  const better = compared.filter((r) => r.verdict === "better").length;
  const worse = compared.filter((r) => r.verdict === "worse").length;
  return `Better on ${better} of ${compared.length} metrics${worse ? `, worse on ${worse}` : ""}.`;
}

export type DataFact = { label: string; value: string };

/** Split sizes and where the rows came from. */
export function dataFacts(metrics: Pick<ComparisonMetrics, "trainSize" | "holdoutSize" | "activeName">, summary: DataSummary): DataFact[] {
  const facts: DataFact[] = [
    { label: "Training rows", value: formatCount(metrics.trainSize) },
    { label: "Held-out rows", value: formatCount(metrics.holdoutSize) },
  ];
  const counts = summary.sourceCounts;
  if (counts) {
    facts.push(
      { label: "From datasets", value: formatCount(counts.dataset) },
      { label: "From reviewer labels", value: formatCount(counts.labels) },
      { label: "From escalations", value: formatCount(counts.escalations) },
    );
    // jobs from before shadow evaluation have no such count
    if (counts.shadow !== undefined) facts.push({ label: "From shadow pairs", value: formatCount(counts.shadow) });
    const skipped = counts.skipped + (summary.skipped ?? 0);
    if (skipped > 0) facts.push({ label: "Skipped rows", value: formatCount(skipped) });
  }
  facts.push({ label: "Compared with", value: metrics.activeName });
  return facts;
}
