"use client";

import { useId, useMemo } from "react";
import { BiasCurveChart } from "@/components/charts/bias-curve-chart";
import { ChartCard } from "@/components/charts/chart-card";
import { formatPercent, formatUsd } from "@/components/charts/format";
import { StatCard } from "@/components/monitoring/stat-card";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import type { ProjectionSample } from "@/lib/config/policy-view";
import type { PolicyConfig, TierConfig } from "@/lib/routing/config-schema";
import { costPerMonth, describeSampleSource, describeVolume, explainBias, prepareBiasView, prepareCurve } from "./prepare-bias-projection";

type SampleQuery = { isPending: boolean; isError: boolean; error: Error | null; data?: ProjectionSample; refetch: () => unknown };

type Props = {
  /** The policy as drafted (valid), bias excluded from what the curve depends on. */
  policy: PolicyConfig;
  tiers: TierConfig[];
  bias: number;
  savedBias: number;
  onBias: (bias: number) => void;
  sample: SampleQuery;
};

function signed(v: number, format: (v: number) => string) {
  return `${v >= 0 ? "+" : "−"}${format(Math.abs(v))}`;
}

/** The slider and, beside it, what that position would do on a labeled sample — recomputed as it moves. */
export function BiasPanel({ policy, tiers, bias, savedBias, onBias, sample }: Props) {
  const id = useId();
  const explanation = explainBias(policy, tiers, bias);
  return (
    <section aria-label="Quality vs cost" className="grid gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 lg:grid-cols-5">
      <div className="space-y-4 lg:col-span-2">
        <div>
          <div className="flex items-baseline justify-between">
            <label htmlFor={id} className="text-sm font-semibold text-slate-900">
              Quality-vs-cost bias
            </label>
            <output htmlFor={id} className="text-lg font-semibold tabular-nums text-brand-700" data-testid="bias-value">
              {bias.toFixed(2)}
            </output>
          </div>
          <input
            id={id}
            type="range"
            min={0}
            max={1}
            step={0.01}
            value={bias}
            aria-valuetext={`${bias.toFixed(2)}: ${explanation[0]?.split(":")[0] ?? ""}`}
            onChange={(e) => onBias(Number(e.target.value))}
            className="mt-3 w-full accent-brand-600"
          />
          <div className="mt-1 flex justify-between text-xs text-slate-500" aria-hidden>
            <span>Cost first</span>
            <span>0.50 calibrated</span>
            <span>Quality first</span>
          </div>
          {bias !== savedBias && <p className="mt-1 text-xs text-amber-700">Saved: {savedBias.toFixed(2)} — not saved yet.</p>}
        </div>
        <ul aria-label="What this position means" aria-live="polite" className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          {explanation.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </div>
      <div className="lg:col-span-3">
        {sample.isPending ? (
          <LoadingRows rows={3} label="Loading the projection sample" />
        ) : sample.isError ? (
          <ErrorState message={sample.error?.message ?? "Could not load the projection."} onRetry={() => sample.refetch()} />
        ) : !sample.data || sample.data.rows.length === 0 ? (
          <EmptyState title="No labeled sample for these tiers">
            {sample.data?.emptyReason ?? "No labeled requests cover this policy's models."} Import an outcomes dataset whose outcomes include these models
            (tier.model must match the dataset&apos;s model names) to see what each bias position would cost and deliver.
          </EmptyState>
        ) : (
          <Projection policy={policy} tiers={tiers} bias={bias} savedBias={savedBias} sample={sample.data} />
        )}
      </div>
    </section>
  );
}

function Projection({ policy, tiers, bias, savedBias, sample }: { policy: PolicyConfig; tiers: TierConfig[]; bias: number; savedBias: number; sample: ProjectionSample }) {
  const settingsKey = JSON.stringify({ ...policy, bias: 0 });
  // The curve does not depend on the bias: recompute it only when other settings change.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const curve = useMemo(() => prepareCurve(sample.rows, policy, tiers), [sample, settingsKey, tiers]);
  const view = prepareBiasView(sample.rows, policy, tiers, bias, savedBias);
  const { current, saved } = view;
  const today = sample.today;
  const sources = sample.sources.length === 1 ? sample.sources[0]!.name : sample.sources.map((s) => `${s.name}: ${s.rows.toLocaleString("en-US")}`).join(", ");
  return (
    <div className="space-y-3" aria-live="polite">
      <p className="text-sm font-medium text-slate-800" data-testid="projection-source">
        {describeSampleSource(sample)}
      </p>
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <StatCard
          label="Answers judged adequate"
          value={<span data-testid="projected-quality">{formatPercent(current.quality)}</span>}
          hint={bias === savedBias ? "expected share of answers good enough for the request" : `${signed(view.qualityChange * 100, (v) => `${v.toFixed(1)} pp`)} vs saved`}
        />
        <StatCard
          label="Cost per 1,000 requests"
          value={<span data-testid="projected-cost">{formatUsd(current.costPer1k)}</span>}
          hint={bias === savedBias || view.costChange === null ? "expected, at these tiers' prices" : `${signed(view.costChange, (v) => formatPercent(v, 0))} vs saved (${formatUsd(saved.costPer1k)})`}
        />
        <StatCard
          label="Cost per month"
          value={<span data-testid="projected-cost-month">{formatUsd(costPerMonth(current.costPer1k, sample.volume))}</span>}
          hint={`at ${describeVolume(sample.volume)}`}
        />
      </dl>
      <div aria-label="Projected share per tier" role="group" className="space-y-1.5">
        {view.shares.map((s) => (
          <div key={s.tier} className="flex items-center gap-2 text-sm">
            <span className="w-24 truncate text-slate-700">{s.tier}</span>
            <div className="h-3 flex-1 overflow-hidden rounded-full bg-slate-100">
              <div className="h-full rounded-full" style={{ width: `${(s.share * 100).toFixed(1)}%`, backgroundColor: s.color }} />
            </div>
            <span className="w-14 text-right tabular-nums text-slate-800" data-testid={`share-${s.tier}`}>
              {formatPercent(s.share)}
            </span>
          </div>
        ))}
      </div>
      <p className="text-xs text-slate-600" data-testid="projection-basis">
        {sample.basisNote}
        {today && (
          <>
            {" "}
            Measured by the ledger at the saved bias {today.bias.toFixed(2)}: {formatUsd(today.costPer1k)} per 1,000 requests
            {today.quality !== null ? `, ${formatPercent(today.quality)} of answers judged adequate` : ""} — the amber dot. The curve prices each request at the tier first chosen; the measured point also holds
            what escalations ({formatPercent(today.escalationRate)} of requests answered again higher up, {formatUsd(today.wastePer1k)} per 1,000 of escalation and hedge waste)
            {today.explored > 0 ? `, exploration (${today.explored.toLocaleString("en-US")} requests)` : ""} and failed requests changed.
          </>
        )}
      </p>
      <ChartCard
        title="Cost–quality curve"
        summary={`Bias 0 → 1 on ${current.n.toLocaleString("en-US")} ${sample.basis === "traffic" ? "logged" : "labeled"} requests from ${sources}, scored by the ${sample.classifier.kind === "trained" ? `trained classifier ${sample.classifier.id}` : "built-in content scorer"}${sample.ruleRows ? `; ${sample.ruleRows} are decided by rules` : ""}. x: cost per 1,000 requests from $0, y: share of answers judged adequate from 0% to 100%; filled dot: this position, ring: saved.`}
      >
        <BiasCurveChart
          curve={curve}
          current={{ costPer1k: current.costPer1k, quality: current.quality, label: bias.toFixed(2) }}
          saved={{ costPer1k: saved.costPer1k, quality: saved.quality, label: bias === savedBias ? "" : `saved ${savedBias.toFixed(2)}` }}
          baselines={view.baselines.map((b) => ({ costPer1k: b.costPer1k, quality: b.quality, label: `always ${b.tier}` }))}
          measured={today && today.quality !== null ? { costPer1k: today.costPer1k, quality: today.quality, label: "measured" } : null}
          formatCost={formatUsd}
        />
      </ChartCard>
    </div>
  );
}
