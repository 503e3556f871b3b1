"use client";

import { useState } from "react";
import { CategoryBarChart } from "@/components/charts/bar-chart";
import { ChartCard } from "@/components/charts/chart-card";
import { formatCount, formatDateTime, formatPercent, formatPsi, formatRateBasis, formatShares, formatTick } from "@/components/charts/format";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { RangePicker } from "@/components/monitoring/range-picker";
import { StatCard } from "@/components/monitoring/stat-card";
import { useTimeRange } from "@/components/monitoring/use-time-range";
import { FilterSelect } from "@/components/ui/filter-select";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import type { Drift } from "@/lib/monitoring/get-drift";
import { MIN_POINT_LABELS, type Rate } from "@/lib/monitoring/rates";
import { prepareLastStage, prepareMisroute, preparePsi, prepareScoreHistogram, prepareTierShares, worstWindow } from "./prepare-drift";
import { useAlertSettings, useDrift, type BaselineMode } from "./use-drift";

const BASELINES = [
  { value: "first-half", label: "Baseline: first half of the range" },
  { value: "previous", label: "Baseline: the period before" },
];

export function DriftDashboard({ policies }: { policies: string[] }) {
  const { choice, from, to, setChoice } = useTimeRange("7d");
  const [baseline, setBaseline] = useState<BaselineMode>("first-half");
  const [policy, setPolicy] = useState("");
  const drift = useDrift({ from, to, baseline, policy });
  return (
    <section className="space-y-6" aria-busy={drift.isFetching || undefined}>
      <div className="flex flex-wrap items-center gap-3">
        <RangePicker choice={choice} from={from} to={to} onChange={setChoice} />
        <FilterSelect label="Baseline window" value={baseline} onChange={(v) => setBaseline(v as BaselineMode)} options={BASELINES} width="w-72" />
        <FilterSelect label="Policy" value={policy} onChange={setPolicy} options={policies} allLabel="All policies" width="w-48" />
      </div>
      {drift.isPending ? (
        <LoadingRows rows={6} label="Loading drift" />
      ) : drift.isError ? (
        <ErrorState message={drift.error.message} onRetry={() => drift.refetch()} />
      ) : drift.data.windows.every((w) => w.requests === 0) ? (
        <EmptyState title="No requests in this time range">Drift needs traffic in both the baseline and the current windows.</EmptyState>
      ) : (
        <DriftCharts d={drift.data} />
      )}
    </section>
  );
}

function DriftCharts({ d }: { d: Drift }) {
  const alerts = useAlertSettings();
  const thresholds = alerts.data?.settings;
  const span = new Date(d.range.to).getTime() - new Date(d.range.from).getTime();
  const tick = (t: string) => formatTick(t, d.range.windowMs, span);
  const pct = (v: number) => formatPercent(v, 0);
  const worst = worstWindow(d);
  const shares = prepareTierShares(d);
  const psi = preparePsi(d);
  const last = prepareLastStage(d);
  const mis = { ...prepareMisroute(d), current: d.current.misroute };
  const rateText = (r: Rate) => `${formatPercent(r.rate)} (n = ${formatCount(r.n)})`;
  const hist = prepareScoreHistogram(d);
  const baselineText = formatShares(d.tiers.map((t) => [t, d.baseline.tierShares[t] ?? 0]));
  return (
    <>
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <StatCard label="Tier mix PSI" value={formatPsi(d.current.tierPsi)} tone={(d.current.tierPsi ?? 0) > (thresholds?.tierPsi.above ?? Infinity) ? "bad" : "default"} hint="current vs baseline" />
        <StatCard label="Score PSI" value={formatPsi(d.current.scorePsi)} tone={(d.current.scorePsi ?? 0) > (thresholds?.scorePsi.above ?? Infinity) ? "bad" : "default"} hint="classifier p-score histogram" />
        <StatCard label="Reached the last stage" value={formatPercent(d.current.lastStageShare)} hint={`baseline ${formatPercent(d.baseline.lastStageShare)}`} />
        <StatCard label="Quality misroutes" value={formatPercent(mis.current.quality.rate)} hint={`random sample · ${formatRateBasis(mis.current.quality)}`} />
        <StatCard label="Cost misroutes" value={formatPercent(mis.current.cost.rate)} hint={`random sample · ${formatRateBasis(mis.current.cost)}`} />
      </dl>
      <p className="text-sm text-slate-600">
        Baseline {formatDateTime(d.baseline.from, { seconds: false })} – {formatDateTime(d.baseline.to, { seconds: false })} ({formatCount(d.baseline.requests)} requests: {baselineText}).
        {worst && worst.tierPsi > 0.1 && ` Largest shift: the window starting ${formatDateTime(worst.t, { seconds: false })} (PSI ${formatPsi(worst.tierPsi)}).`}
      </p>
      <div className="grid gap-4 xl:grid-cols-2">
        <ChartCard title="Tier distribution over time" summary={`Share of requests per tier and ${d.range.window} window; baseline: ${baselineText}.`}>
          <TimeSeriesChart kind="stacked-share" data={shares.data} series={shares.series} tickFormatter={tick} valueFormatter={pct} />
        </ChartCard>
        <ChartCard title="Population stability index per window" summary={`Current period: tier PSI ${formatPsi(d.current.tierPsi)}, score PSI ${formatPsi(d.current.scorePsi)}. Under 0.1 is stable, over 0.25 a large shift.`}>
          <TimeSeriesChart kind="line" data={psi.data} series={psi.series} tickFormatter={tick} valueFormatter={(v) => v.toFixed(2)} minTop={0.3} reference={thresholds?.tierPsi.enabled ? { y: thresholds.tierPsi.above, label: "alert" } : undefined} />
        </ChartCard>
        <ChartCard title="Reaching the last stage of the cascade" summary="Answered by the policy's most capable tier (however it got there), and the part that climbed there by escalation, hedging or fallback.">
          <TimeSeriesChart kind="line" data={last.data} series={last.series} tickFormatter={tick} valueFormatter={pct} minTop={1} reference={thresholds?.lastStageShare.enabled ? { y: thresholds.lastStageShare.above, label: "alert" } : undefined} />
        </ChartCard>
        <ChartCard
          title="Misroute rates from labels"
          summary={`${formatCount(mis.current.labeled)} labels in the current period (${formatDateTime(d.current.from, { seconds: false })} – ${formatDateTime(d.current.to, { seconds: false })}): random sample (unbiased) quality errors ${rateText(mis.current.quality)}, cost errors ${rateText(mis.current.cost)}; all labels quality errors ${rateText(mis.current.qualityAll)}, cost errors ${rateText(mis.current.costAll)}. Quality errors = labeled “should be more capable”; cost errors = “should be cheaper”. Windows with fewer than ${MIN_POINT_LABELS} labels are gaps.`}
        >
          <TimeSeriesChart kind="line" data={mis.data} series={mis.series} tickFormatter={tick} valueFormatter={pct} minTop={0.2} />
        </ChartCard>
        <ChartCard title="Classifier score distribution" summary={`P(the cheapest tier is not enough): ${formatCount(d.baseline.scored)} baseline vs ${formatCount(d.current.scored)} current scored requests.`}>
          <CategoryBarChart data={hist.data} categoryKey="bin" series={hist.series} valueFormatter={pct} />
        </ChartCard>
      </div>
    </>
  );
}
