/**
 * Everything the bias panel draws for one slider position, from the labeled sample: the
 * projection at the current and the saved bias (lib/routing/project-bias.ts, the engine's own
 * decision rule), the cost–quality curve (bias 0, 0.05, …, 1) with both points marked, per-tier
 * shares with colours, and the position explained in plain words from thresholdsForBias.
 */
import { tierColor } from "@/components/charts/palette";
import { formatCount, formatPercent, formatUsd } from "@/components/charts/format";
import type { ProjectionSample } from "@/lib/config/policy-view";
import type { PolicyConfig, TierConfig } from "@/lib/routing/config-schema";
import { thresholdsForBias } from "@/lib/routing/bias-to-lambda";
import { projectBias, projectCurve, tierBaselines, type Projection, type ProjectionRow, type TierBaseline } from "@/lib/routing/project-bias";

export type CurvePoint = { bias: number; costPer1k: number; quality: number };

export type BiasView = {
  current: Projection;
  saved: Projection;
  shares: Array<{ tier: string; share: number; color: string }>;
  baselines: TierBaseline[];
  /** Relative change of cost per 1,000 vs the saved position (null when the saved cost is 0). */
  costChange: number | null;
  qualityChange: number;
};

/** The curve depends on the policy's settings but not on the bias: compute it once per settings change. */
export function prepareCurve(rows: readonly ProjectionRow[], policy: PolicyConfig, tiers: readonly TierConfig[]): CurvePoint[] {
  return projectCurve(rows, policy, tiers).map((p) => ({ bias: p.bias, costPer1k: p.costPer1k, quality: p.quality }));
}

export function prepareBiasView(rows: readonly ProjectionRow[], policy: PolicyConfig, tiers: readonly TierConfig[], bias: number, savedBias: number): BiasView {
  const current = projectBias(rows, policy, tiers, bias);
  const saved = projectBias(rows, policy, tiers, savedBias);
  return {
    current,
    saved,
    shares: policy.tiers.map((tier, k) => ({ tier, share: current.shares[k] ?? 0, color: tierColor(tier) })),
    baselines: tierBaselines(rows, policy, tiers),
    costChange: saved.costPer1k > 0 ? current.costPer1k / saved.costPer1k - 1 : null,
    qualityChange: current.quality - saved.quality,
  };
}

function leaning(bias: number): string {
  if (bias <= 0.05) return "Cost first";
  if (bias < 0.4) return "Leaning to cost";
  if (bias <= 0.6) return bias === 0.5 ? "Balanced (the calibrated default)" : "Balanced";
  if (bias < 0.95) return "Leaning to quality";
  return "Quality first";
}

function p2(v: number): string {
  return v > 1 ? "never (above 1)" : v.toFixed(2);
}

/** Plain-words sentences for the slider position, at the reference request size and a short one. */
export function explainBias(policy: PolicyConfig, tiers: readonly TierConfig[], bias: number): string[] {
  const ref = thresholdsForBias(policy, tiers, bias);
  if (ref.steps.length === 0) return ["This policy has a single usable tier: the bias changes nothing."];
  const sentences = [`${leaning(bias)}: a wrong answer is priced at $${ref.lambdaUsd.toPrecision(2)} (λ).`];
  const size = `a typical request (${policy.referencePromptTokens.toLocaleString("en-US")} prompt tokens)`;
  for (const step of ref.steps) {
    sentences.push(
      step.minProbability > 1
        ? `${size} is never escalated from ${step.from} to ${step.to} by the classifier.`
        : `Escalates ${size} from ${step.from} to ${step.to} when P(needs ${step.to}) ≥ ${p2(step.minProbability)}.`,
    );
  }
  const short = thresholdsForBias(policy, tiers, bias, { promptTokens: 100 });
  const first = short.steps[0];
  if (first) sentences.push(`Short requests cost less to escalate: a 100-token one goes to ${first.to} from P ≥ ${p2(first.minProbability)}.`);
  if (ref.nominalCosts) sentences.push("The tiers' prices are equal, so a nominal cost ladder stands in for them.");
  if (policy.speculative.enabled) sentences.push(`Speculative routing skips the cheaper tiers whenever P(needs the top tier) ≥ ${policy.speculative.threshold}, at any bias.`);
  return sentences;
}

/** Cost per month at the policy's current volume (null: volume unknown). */
export function costPerMonth(costPer1k: number, volume: ProjectionSample["volume"]): number | null {
  return volume ? (costPer1k / 1000) * volume.monthlyRequests : null;
}

/** The data behind the projection, named: "From 412 requests of this policy, last 14 days" or "Projected from 600 demo rows (…)". */
export function describeSampleSource(sample: Pick<ProjectionSample, "basis" | "rows" | "sources">): string {
  const n = formatCount(sample.rows.length);
  if (sample.basis === "traffic") return `From ${n} requests of this policy (${sample.sources[0]?.name ?? "recent traffic"}).`;
  const names = sample.sources.map((s) => s.name).join(", ");
  return `Projected from ${n} demo rows${names ? ` (${names})` : ""}, not from this policy's own traffic.`;
}

/** The current volume in words, for the per-month figure. */
export function describeVolume(volume: ProjectionSample["volume"]): string {
  if (!volume) return "volume unknown";
  return `${formatCount(volume.monthlyRequests)} requests a month (${formatCount(volume.requestsLastWeek)} in the last 7 days × 30/7)`;
}

/** One sentence for the save dialog: what the change does on the sample. */
export function projectedImpact(rows: readonly ProjectionRow[], policy: PolicyConfig, tiers: readonly TierConfig[], bias: number, savedBias: number, volume: ProjectionSample["volume"] = null): string {
  const view = prepareBiasView(rows, policy, tiers, bias, savedBias);
  const top = policy.tiers[policy.tiers.length - 1];
  const month = (v: number) => formatUsd(costPerMonth(v, volume));
  return (
    `Projected on ${view.current.n.toLocaleString("en-US")} requests: cost per 1,000 ${formatUsd(view.saved.costPer1k)} → ${formatUsd(view.current.costPer1k)}` +
    (volume ? `, per month ${month(view.saved.costPer1k)} → ${month(view.current.costPer1k)}` : "") +
    `, answers judged adequate ${formatPercent(view.saved.quality)} → ${formatPercent(view.current.quality)}, share to ${top} ` +
    `${formatPercent(view.saved.shares[view.saved.shares.length - 1] ?? 0)} → ${formatPercent(view.current.shares[view.current.shares.length - 1] ?? 0)}.`
  );
}
