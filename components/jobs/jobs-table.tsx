"use client";

import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { ProgressBar } from "@/components/ui/progress-bar";
import { describeSources, formatDuration, formatJobTime, jobDurationMs, progressPercent, progressTone } from "./job-format";
import { JobStatusBadge } from "./job-status-badge";
import { isActiveJob, type JobRow } from "./types";
import { useNow } from "./use-now";

type Props = {
  jobs: JobRow[];
  selectedId: string | null;
  onSelect: (job: JobRow) => void;
  onCancel: (job: JobRow) => void;
  cancellingId: string | null;
};

const COLUMNS = ["Job", "Status", "Progress", "Created by", "Started / finished", "Duration", { label: "Actions", isHidden: true }];

/** Newest first; queued and running rows update live (the list polls while any is active). */
export function JobsTable({ jobs, selectedId, onSelect, onCancel, cancellingId }: Props) {
  const now = useNow(jobs.some(isActiveJob));
  return (
    <DataTable label="Retraining jobs" columns={COLUMNS} cellPadding="px-3 py-2.5">
      {jobs.map((job) => {
        const when = formatJobTime(job.createdAt);
        return (
          <tr key={job.id} className={job.id === selectedId ? "bg-brand-50/50" : undefined}>
            <td className="px-3 py-2.5">
              <div className="whitespace-nowrap font-medium text-slate-900">{when}</div>
              <div className="max-w-56 truncate text-xs text-slate-500" title={describeSources(job.payload)}>
                {describeSources(job.payload)}
              </div>
            </td>
            <td className="px-3 py-2.5">
              <JobStatusBadge status={job.status} />
            </td>
            <td className="px-3 py-2.5">
              <ProgressBar label={`Progress of the job from ${when}`} percent={progressPercent(job)} tone={progressTone(job.status)} />
              <div className="mt-0.5 max-w-44 truncate text-xs text-slate-500">{job.phase ?? "waiting for a worker"}</div>
            </td>
            <td className="max-w-40 truncate px-3 py-2.5 text-slate-600">{job.createdBy?.email ?? "system"}</td>
            <td className="whitespace-nowrap px-3 py-2.5 text-slate-600">
              <div>{formatJobTime(job.startedAt)}</div>
              <div className="text-xs text-slate-500">{job.finishedAt ? formatJobTime(job.finishedAt) : isActiveJob(job) ? "in progress" : "—"}</div>
            </td>
            <td className="whitespace-nowrap px-3 py-2.5 tabular-nums text-slate-600">{formatDuration(jobDurationMs(job, now))}</td>
            <td className="px-3 py-2.5 text-right">
              <span className="inline-flex gap-2">
                <Button variant="secondary" size="sm" aria-label={`Open the job from ${when}`} aria-pressed={job.id === selectedId} onClick={() => onSelect(job)}>
                  Open
                </Button>
                {isActiveJob(job) && (
                  <Button variant="danger" size="sm" aria-label={`Cancel the job from ${when}`} isLoading={cancellingId === job.id} onClick={() => onCancel(job)}>
                    Cancel
                  </Button>
                )}
              </span>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
