"use client";

import { formatDateTime } from "@/components/charts/format";
import { useState } from "react";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { progressPercent, progressTone } from "@/components/jobs/job-format";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { ProgressBar } from "@/components/ui/progress-bar";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Alert } from "@/components/ui/alert";
import { LabForm } from "./lab-form";
import { AdviceView, ReplayReportView } from "./lab-report";
import { isAdvice, type LabRun } from "./types";
import { useCancelLabRun, useLabRun, useLabRuns } from "./use-lab";

function describe(run: LabRun): string {
  const p = run.payload;
  if (p.kind === "advise-tiers") return `Tier advice for ${p.policy}`;
  const change = (p.candidate.config as { policies?: Array<Record<string, unknown>> } | undefined)?.policies?.[0];
  const parts = change ? Object.entries(change).filter(([k]) => k !== "name").map(([k, v]) => `${k} ${typeof v === "object" ? JSON.stringify(v) : String(v)}`) : [];
  return `Replay of ${p.policy}${parts.length ? `: ${parts.join(", ")}` : ""}${p.candidate.classifierVersionId ? " with another classifier" : ""}`;
}

/** The Lab: start a replay or the tier advice, follow its progress, read its report. */
export function LabWorkspace() {
  const [selected, setSelected] = useState<string | null>(null);
  const runs = useLabRuns(1);
  const run = useLabRun(selected ?? runs.data?.items[0]?.id ?? null);
  const cancel = useCancelLabRun();
  return (
    <div className="space-y-6">
      <LabForm onStarted={setSelected} />
      <section aria-labelledby="lab-runs-title" className="space-y-2">
        <h2 id="lab-runs-title" className="text-sm font-semibold text-slate-900">Runs</h2>
        {runs.isPending ? (
          <LoadingRows rows={3} label="Loading lab runs" />
        ) : runs.isError ? (
          <ErrorState message={runs.error.message} onRetry={() => runs.refetch()} />
        ) : runs.data.items.length === 0 ? (
          <EmptyState title="No lab runs yet">Replay a candidate above: its report appears here.</EmptyState>
        ) : (
          <DataTable caption="Lab runs" label="Lab runs" columns={["Run", "Status", "Progress", { label: "Actions", isHidden: true }]}>
            {runs.data.items.map((r) => (
              <tr key={r.id} aria-selected={r.id === run.data?.id} className={r.id === run.data?.id ? "bg-brand-50/40" : undefined}>
                <td className="px-4 py-2">
                  <button type="button" className="text-left text-brand-700 hover:underline" onClick={() => setSelected(r.id)}>
                    {describe(r)}
                  </button>
                  <div className="text-xs text-slate-500">{formatDateTime(r.createdAt, { seconds: false })}</div>
                </td>
                <td className="px-4 py-2"><JobStatusBadge status={r.status} /></td>
                <td className="px-4 py-2"><ProgressBar label={`Progress of ${describe(r)}`} percent={progressPercent(r)} valueText={r.phase ?? undefined} tone={progressTone(r.status)} /></td>
                <td className="px-4 py-2 text-right">
                  {(r.status === "queued" || r.status === "running") && (
                    <Button size="sm" variant="secondary" onClick={() => cancel.mutate(r.id)} disabled={cancel.isPending}>Cancel</Button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      {run.data && (
        <section aria-labelledby="lab-report-title" className="space-y-3">
          <h2 id="lab-report-title" className="text-sm font-semibold text-slate-900">{describe(run.data)}</h2>
          {run.data.status === "failed" ? (
            <Alert variant="error" title="The run failed">{run.data.error ?? "No reason was recorded."}</Alert>
          ) : run.data.result ? (
            isAdvice(run.data.result) ? <AdviceView advice={run.data.result} /> : <ReplayReportView report={run.data.result} />
          ) : (
            <ProgressBar label="Progress of the selected run" percent={progressPercent(run.data)} valueText={run.data.phase ?? "queued"} tone={progressTone(run.data.status)} />
          )}
        </section>
      )}
    </div>
  );
}
