"use client";

import { ChartCard } from "@/components/charts/chart-card";
import { LedgerCard } from "@/components/ledger/ledger-card";
import { CategoryBarChart } from "@/components/charts/bar-chart";
import { formatCount, formatDuration, formatMs, formatPercent, formatShares, formatTick, formatUsd } from "@/components/charts/format";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { RangePicker } from "@/components/monitoring/range-picker";
import { StatCard } from "@/components/monitoring/stat-card";
import { useTimeRange } from "@/components/monitoring/use-time-range";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import type { Overview } from "@/lib/monitoring/shape-overview";
import { prepareCost, prepareHeadline, prepareLatency, prepareRates, prepareRequests, prepareShares, stageSeries, tierSeries } from "./prepare-overview";
import { useOverview } from "./use-overview";

export function OverviewDashboard() {
  const { choice, from, to, setChoice } = useTimeRange("24h");
  const overview = useOverview({ from, to });
  return (
    <section className="space-y-6" aria-busy={overview.isFetching || undefined}>
      <RangePicker choice={choice} from={from} to={to} onChange={setChoice} />
      {overview.isPending ? (
        <LoadingRows rows={6} label="Loading the overview" />
      ) : overview.isError ? (
        <ErrorState message={overview.error.message} onRetry={() => overview.refetch()} />
      ) : overview.data.totals.requests === 0 ? (
        <EmptyState title="No requests in this time range">Pick a longer range, or send traffic through the gateway (/api/v1/chat/completions).</EmptyState>
      ) : (
        <>
          <LedgerCard from={from} to={to} />
          <OverviewCharts o={overview.data} />
        </>
      )}
    </section>
  );
}

function OverviewCharts({ o }: { o: Overview }) {
  const span = new Date(o.range.to).getTime() - new Date(o.range.from).getTime();
  const tick = (t: string) => formatTick(t, o.range.bucketMs, span);
  const head = prepareHeadline(o);
  const requests = prepareRequests(o.points);
  const cost = prepareCost(o.points);
  const rates = prepareRates(o.points);
  const latency = prepareLatency(o.latency);
  const pct = (v: number) => formatPercent(v, 0);
  return (
    <>
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatCard label="Requests" value={formatCount(head.requests)} hint={`${o.range.bucket} buckets`} />
        <StatCard label="Money saved" value={formatUsd(head.savedUsd)} tone={head.savedUsd >= 0 ? "good" : "bad"} hint={`${formatPercent(head.savedShare, 0)} of ${formatUsd(head.baselineCostUsd)} if all went to the most capable tier`} />
        <StatCard label="Escalation rate" value={formatPercent(head.escalationRate)} hint={`answers retried on a bigger tier · n = ${formatCount(head.requests)} · ${formatDuration(span)}`} />
        <StatCard label="Error rate" value={formatPercent(head.errorRate)} tone={(head.errorRate ?? 0) > 0.05 ? "bad" : "default"} hint={`failed on every tier · n = ${formatCount(head.requests)} · ${formatDuration(span)}`} />
      </dl>
      <div className="grid gap-4 xl:grid-cols-2">
        <ChartCard title="Requests over time" summary={`${formatCount(head.requests)} requests, ${formatCount(o.totals.errors)} errors.`}>
          <TimeSeriesChart kind="stacked" data={requests.data} series={requests.series} tickFormatter={tick} valueFormatter={formatCount} />
        </ChartCard>
        <ChartCard title="Cost vs. everything on the most capable tier" summary={`Spent ${formatUsd(head.costUsd)} instead of ${formatUsd(head.baselineCostUsd)}: ${formatUsd(head.savedUsd)} saved (cumulative).`}>
          <TimeSeriesChart kind="line" data={cost.data} series={cost.series} tickFormatter={tick} valueFormatter={formatUsd} minTop={0} />
        </ChartCard>
        <ChartCard title="Share per tier" summary={formatShares(o.tiers.map((t) => [t, sum(o, (p) => p.byTier[t] ?? 0)]))}>
          <TimeSeriesChart kind="stacked-share" data={prepareShares(o.points, o.tiers, (p) => p.byTier)} series={tierSeries(o.tiers)} tickFormatter={tick} valueFormatter={pct} />
        </ChartCard>
        <ChartCard title="Share per deciding stage" summary={formatShares(o.stages.map((s) => [s, sum(o, (p) => p.byStage[s] ?? 0)]))}>
          <TimeSeriesChart kind="stacked-share" data={prepareShares(o.points, o.stages, (p) => p.byStage)} series={stageSeries(o.stages)} tickFormatter={tick} valueFormatter={pct} />
        </ChartCard>
        <ChartCard title="Escalation and error rate" summary={`Escalations ${formatPercent(head.escalationRate)}, errors ${formatPercent(head.errorRate)} over the range.`}>
          <TimeSeriesChart kind="line" data={rates.data} series={rates.series} tickFormatter={tick} valueFormatter={pct} minTop={0.05} />
        </ChartCard>
        <ChartCard title="Latency per tier (p50 / p95)" summary={o.latency.map((l) => `${l.tier}: p50 ${formatMs(l.p50Ms)}, p95 ${formatMs(l.p95Ms)}`).join("; ")}>
          <CategoryBarChart data={latency.data} categoryKey="tier" series={latency.series} valueFormatter={formatMs} />
        </ChartCard>
      </div>
    </>
  );
}

function sum(o: Overview, f: (p: Overview["points"][number]) => number) {
  return o.points.reduce((s, p) => s + f(p), 0);
}
