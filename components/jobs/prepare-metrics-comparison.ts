/**
 * The candidate's metrics beside the active classifier's, both measured on the same held-out
 * split by the retraining job (lib/jobs/retrain/train-and-compare.ts): one row per metric with
 * both values formatted, the difference and which side it favours; and the facts about the data.
 */
import { formatCount, formatPercent } from "@/components/charts/format";
import type { ComparisonMetrics, DataSummary, Metric, ModelMetrics } from "./types";

type MetricKey = "apgr" | "cpt50" | "cpt80" | "cpt95" | "ece" | "quality" | "cost" | "qualityErrorRate" | "costErrorRate";

/** What a metric speaks to; the "better on N of M" summary counts each group once. */
export type MetricGroup = "quality" | "cost" | "calibration";

type MetricSpec = {
  key: MetricKey;
  label: string;
  /** Plain words, shown under the metric's name (from lib/classifier/evaluate: curve-metrics.ts, calibration.ts, operating-point.ts). */
  hint: string;
  group: MetricGroup;
  /** Metrics of one family (the three CPT points) vote once inside their group. */
  family: string;
  higherIsBetter: boolean;
  format: (v: number) => string;
};

const fixed3 = (v: number) => v.toFixed(3);
const pct = (v: number) => formatPercent(v, 1);

export const GROUP_LABELS: Record<MetricGroup, string> = { quality: "Quality", cost: "Cost", calibration: "Calibration" };

export const METRIC_SPECS: readonly MetricSpec[] = [
  {
    key: "apgr",
    label: "APGR",
    hint: "Share of the quality gap between always-cheapest and always-strongest that the router recovers, averaged over every spending level from cheapest to strongest. Higher is better; routing at random scores 0.5.",
    group: "quality",
    family: "apgr",
    higherIsBetter: true,
    format: fixed3,
  },
  { key: "quality", label: "Quality", hint: "Share of held-out answers judged adequate when routed at the policy's setting. Higher is better.", group: "quality", family: "quality", higherIsBetter: true, format: pct },
  { key: "qualityErrorRate", label: "Quality-error rate", hint: "Share of requests sent to a tier too weak to answer them. Lower is better.", group: "quality", family: "qualityErrorRate", higherIsBetter: false, format: pct },
  {
    key: "cpt50",
    label: "CPT(50%)",
    hint: "Cost needed to recover half of that quality gap, as a share of always using the strongest tier. Lower is better.",
    group: "cost",
    family: "cpt",
    higherIsBetter: false,
    format: pct,
  },
  { key: "cpt80", label: "CPT(80%)", hint: "The same for 80% of the gap.", group: "cost", family: "cpt", higherIsBetter: false, format: pct },
  { key: "cpt95", label: "CPT(95%)", hint: "The same for 95% of the gap (a dash: never reached).", group: "cost", family: "cpt", higherIsBetter: false, format: pct },
  { key: "cost", label: "Cost", hint: "Cost at the policy's setting, as a share of always using the strongest tier. Lower is better.", group: "cost", family: "cost", higherIsBetter: false, format: pct },
  { key: "costErrorRate", label: "Cost-error rate", hint: "Share of requests sent to a stronger, dearer tier than they needed. Lower is better.", group: "cost", family: "costErrorRate", higherIsBetter: false, format: pct },
  {
    key: "ece",
    label: "ECE",
    hint: "How far the classifier's stated probabilities are from what happened: when it says 70%, about 70% should need the stronger tier. 0 is perfect; lower is better.",
    group: "calibration",
    family: "ece",
    higherIsBetter: false,
    format: fixed3,
  },
];

export type Verdict = "better" | "worse" | "same" | null;

export type MetricRow = { key: MetricKey; label: string; hint: string; group: MetricGroup; family: string; candidate: string; active: string; delta: string | null; verdict: Verdict };

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
    const base = { key: spec.key, label: spec.label, hint: spec.hint, group: spec.group, family: spec.family, candidate: usable(c) ? spec.format(c) : "—", active: usable(a) ? spec.format(a) : "—" };
    if (!usable(c) || !usable(a)) return { ...base, delta: null, verdict: null };
    const diff = c - a;
    const verdict: Verdict = Math.abs(diff) < EPSILON ? "same" : diff > 0 === spec.higherIsBetter ? "better" : "worse";
    return { ...base, delta: signedDelta(diff, spec), verdict };
  });
}

/** The majority of the verdicts (ties and all-same: "same"; nothing compared: null). */
function majority(verdicts: readonly Verdict[]): Verdict {
  const known = verdicts.filter((v) => v !== null);
  if (known.length === 0) return null;
  const better = known.filter((v) => v === "better").length;
  const worse = known.filter((v) => v === "worse").length;
  return better > worse ? "better" : worse > better ? "worse" : "same";
}

export type GroupVerdict = { group: MetricGroup; label: string; verdict: Verdict; rows: MetricRow[] };

/** The rows by group, each group's verdict a majority over its families (the three CPT points vote once). */
export function groupRows(rows: readonly MetricRow[]): GroupVerdict[] {
  return (Object.keys(GROUP_LABELS) as MetricGroup[]).flatMap((group) => {
    const inGroup = rows.filter((r) => r.group === group);
    if (inGroup.length === 0) return [];
    const families = [...new Set(inGroup.map((r) => r.family))];
    const verdict = majority(families.map((f) => majority(inGroup.filter((r) => r.family === f).map((r) => r.verdict))));
    return [{ group, label: GROUP_LABELS[group], verdict, rows: inGroup }];
  });
}

function list(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** "Better on 2 of 3 groups (quality, cost); worse on calibration." — each group counted once. */
export function summarizeComparison(rows: readonly MetricRow[]): string {
  const groups = groupRows(rows).filter((g) => g.verdict !== null);
  if (groups.length === 0) return "No metric could be compared.";
  const named = (v: Verdict) => groups.filter((g) => g.verdict === v).map((g) => g.label.toLowerCase());
  const better = named("better");
  const worse = named("worse");
  const same = named("same");
  const parts = [`Better on ${better.length} of ${groups.length} groups${better.length ? ` (${list(better)})` : ""}`];
  if (worse.length) parts.push(`worse on ${list(worse)}`);
  if (same.length) parts.push(`even on ${list(same)}`);
  return `${parts.join("; ")}.`;
}

/**
 * Where both sides' figures come from, in one sentence: "held-out set of 120 rows from demo
 * outcomes and reviewer labels". `datasetName` maps a dataset id to its name (null: not known).
 */
export function evaluationSource(holdoutSize: number, summary: DataSummary, datasetName: (id: string) => string | null): string {
  const sources: string[] = [];
  const ids = summary.payload?.datasets ?? [];
  const names = ids.map((id) => datasetName(id));
  const known = names.filter((n): n is string => n !== null);
  if (known.length) sources.push(known.length > 3 ? `${known.slice(0, 3).join(", ")} and ${known.length - 3} more datasets` : known.join(", "));
  else if (ids.length) sources.push(ids.length === 1 ? "1 dataset" : `${ids.length} datasets`);
  const counts = summary.sourceCounts;
  if (counts?.labels) sources.push("reviewer labels");
  if (counts?.escalations) sources.push("escalations");
  if (counts?.shadow) sources.push("shadow pairs");
  return `held-out set of ${formatCount(holdoutSize)} rows${sources.length ? ` from ${list(sources)}` : ""}`;
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
