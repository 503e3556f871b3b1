"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { describeSources, formatDuration, formatJobTime, jobDurationMs, progressPercent, progressTone } from "./job-format";
import { JobResult } from "./job-result";
import { JobStatusBadge } from "./job-status-badge";
import { isActiveJob, type JobRow } from "./types";
import { useJob } from "./use-jobs";
import { useNow } from "./use-now";

type Props = { jobId: string; onCancel: (job: JobRow) => void; isCancelling: boolean; onClose: () => void };

/** One job, live while it runs; once it succeeded, its candidate against the active classifier. */
export function JobDetailPanel({ jobId, onCancel, isCancelling, onClose }: Props) {
  const job = useJob(jobId);
  const now = useNow(!!job.data && isActiveJob(job.data));
  return (
    <section aria-labelledby="job-detail-title" className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="job-detail-title" className="text-sm font-semibold text-slate-900">
            Job {job.data ? `from ${formatJobTime(job.data.createdAt)}` : ""}
          </h2>
          {job.data && <p className="mt-0.5 text-xs text-slate-500">{describeSources(job.data.payload)} · started by {job.data.createdBy?.email ?? "system"}</p>}
        </div>
        <span className="flex gap-2">
          {job.data && isActiveJob(job.data) && (
            <Button variant="danger" size="sm" isLoading={isCancelling} onClick={() => onCancel(job.data)}>
              Cancel job
            </Button>
          )}
          <Button variant="ghost" size="sm" onClick={onClose}>
            Close
          </Button>
        </span>
      </div>
      {job.isPending ? (
        <LoadingRows rows={2} label="Loading the job" />
      ) : job.isError ? (
        <ErrorState message={job.error.message} onRetry={() => job.refetch()} />
      ) : (
        <>
          <div className="grid items-center gap-3 sm:grid-cols-[auto_1fr_auto]">
            <JobStatusBadge status={job.data.status} />
            <div>
              <ProgressBar label="Job progress" percent={progressPercent(job.data)} tone={progressTone(job.data.status)} />
              <p aria-live="polite" className="mt-0.5 text-xs text-slate-500">
                {job.data.phase ?? "waiting for a worker"}
                {job.data.attempts > 1 && ` · attempt ${job.data.attempts}`}
              </p>
            </div>
            <span className="text-xs tabular-nums text-slate-600">{formatDuration(jobDurationMs(job.data, now))}</span>
          </div>
          {job.data.status === "failed" && <Alert variant="error">{job.data.error ?? "The job failed."}</Alert>}
          {job.data.status === "succeeded" && job.data.result && <JobResult versionId={job.data.result.classifierVersionId} />}
        </>
      )}
    </section>
  );
}
