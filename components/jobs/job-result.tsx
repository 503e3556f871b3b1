"use client";

import { useMemo } from "react";
import { ChartCard } from "@/components/charts/chart-card";
import { CurveComparisonChart } from "@/components/charts/curve-comparison-chart";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { ClassifierActions } from "./classifier-actions";
import { MetricsComparisonTable } from "./metrics-comparison-table";
import { prepareCurveComparison } from "./prepare-curve-comparison";
import { compareMetrics, dataFacts, evaluationSource, summarizeComparison } from "./prepare-metrics-comparison";
import type { ClassifierVersion, ComparisonMetrics } from "./types";
import { useClassifierVersion, useClassifierVersions } from "./use-classifiers";
import { useDatasets } from "./use-datasets";

/** A finished job's candidate: metrics and curve beside the classifier that was active when it trained. */
export function JobResult({ versionId }: { versionId: string }) {
  const version = useClassifierVersion(versionId);
  if (version.isPending) return <LoadingRows rows={4} label="Loading the result" />;
  if (version.isError) return <ErrorState message={version.error.message} onRetry={() => version.refetch()} />;
  const { metrics } = version.data;
  if (!metrics.candidate || !metrics.active) return <EmptyState title="No metrics recorded">This classifier version carries no evaluation to compare.</EmptyState>;
  return <Comparison version={version.data} metrics={metrics as ComparisonMetrics} />;
}

function Comparison({ version, metrics }: { version: ClassifierVersion; metrics: ComparisonMetrics }) {
  const rows = useMemo(() => compareMetrics(metrics.candidate, metrics.active), [metrics]);
  const curves = useMemo(
    () => prepareCurveComparison({ name: version.name, curve: metrics.candidate.curve, apgr: metrics.candidate.apgr }, { name: metrics.activeName, curve: metrics.active.curve, apgr: metrics.active.apgr }),
    [version.name, metrics],
  );
  const facts = dataFacts(metrics, version.dataSummary);
  const policy = version.policy?.name ?? "";
  const datasets = useDatasets();
  const versions = useClassifierVersions(policy);
  const source = evaluationSource(metrics.holdoutSize, version.dataSummary, (id) => datasets.data?.find((d) => d.id === id)?.name ?? null);
  const activeNow = versions.data?.find((v) => v.status === "active");
  // the comparison is frozen at training time; say so when another version has become active since
  const activeChanged = versions.data !== undefined && (activeNow?.id ?? null) !== metrics.activeVersionId && activeNow?.id !== version.id;
  return (
    <section aria-label="Result" className="space-y-4 border-t border-slate-100 pt-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h3 className="text-sm font-semibold text-slate-900">
            Candidate <span className="font-mono">{version.name}</span>
          </h3>
          <p className="text-xs text-slate-500">
            Against {metrics.activeName}, both measured on the same {source}: {summarizeComparison(rows)}
          </p>
        </div>
        {policy && <ClassifierActions version={version} policy={policy} />}
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <MetricsComparisonTable rows={rows} candidateName={version.name} activeName={metrics.activeName} />
        <ChartCard title="Cost–quality curves" summary={curves.summary}>
          <CurveComparisonChart series={curves.series} xDomain={curves.xDomain} yDomain={curves.yDomain} />
        </ChartCard>
      </div>
      <p className="text-xs text-slate-600" data-testid="evaluation-source">
        Figures from the {source}, the same rows for both classifiers; live traffic is another mix of requests, so its figures differ. Promote shows the change
        projected on this policy&apos;s own recent traffic.
        {activeChanged && (
          <>
            {" "}
            <span className="text-amber-700">
              {activeNow ? activeNow.name : "The built-in scorer"} has become active since this candidate was trained; the Active column is {metrics.activeName}.
            </span>
          </>
        )}
      </p>
      <dl aria-label="Training data" className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
        {facts.map((f) => (
          <div key={f.label}>
            <dt className="text-xs text-slate-500">{f.label}</dt>
            <dd className="truncate font-medium tabular-nums text-slate-900">{f.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
