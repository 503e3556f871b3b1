"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { DatasetUpload } from "./dataset-upload";
import { DatasetsTable } from "./datasets-table";
import { JobDetailPanel } from "./job-detail-panel";
import { JobsTable } from "./jobs-table";
import { StartJobForm } from "./start-job-form";
import type { JobRow } from "./types";
import { useCancelJob, useJobs } from "./use-jobs";

/** The /jobs page: start a retraining job, follow it, compare and promote its candidate; datasets to learn from. */
export function JobsConsole() {
  const [page, setPage] = useState(1);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const jobs = useJobs(page);
  const cancel = useCancelJob();
  const detailRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (selectedId) detailRef.current?.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }, [selectedId]);

  function select(job: JobRow) {
    setSelectedId(job.id);
  }

  async function cancelJob(job: JobRow) {
    setCancelError(null);
    try {
      await cancel.mutateAsync(job.id);
    } catch (error) {
      setCancelError(error instanceof Error ? error.message : "Could not cancel the job.");
    }
  }

  const cancellingId = cancel.isPending ? (cancel.variables ?? null) : null;
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Panel title="Start retraining" description="Train a candidate classifier for a policy and measure it against the active one on held-out requests.">
          <StartJobForm
            onStarted={(job) => {
              setPage(1);
              select(job);
            }}
          />
        </Panel>
        <Panel title="Datasets" description="Outcome datasets retraining can learn from.">
          <div className="space-y-4">
            <DatasetUpload />
            <DatasetsTable />
          </div>
        </Panel>
      </div>

      {selectedId && (
        <div ref={detailRef} className="scroll-mt-4">
          <JobDetailPanel key={selectedId} jobId={selectedId} onCancel={cancelJob} isCancelling={cancellingId === selectedId} onClose={() => setSelectedId(null)} />
        </div>
      )}

      <section aria-labelledby="jobs-history-title" className="space-y-3">
        <h2 id="jobs-history-title" className="text-sm font-semibold text-slate-900">
          History
        </h2>
        {cancelError && <ErrorState message={cancelError} />}
        {jobs.isPending ? (
          <LoadingRows label="Loading jobs" />
        ) : jobs.isError ? (
          <ErrorState message={jobs.error.message} onRetry={() => jobs.refetch()} />
        ) : jobs.data.items.length === 0 ? (
          <EmptyState title="No retraining jobs yet">Start one above: it runs in the background, and you can follow it here and compare its candidate when it is done.</EmptyState>
        ) : (
          <>
            <JobsTable jobs={jobs.data.items} selectedId={selectedId} onSelect={select} onCancel={cancelJob} cancellingId={cancellingId} />
            <Pagination page={page} pageSize={jobs.data.pageSize} total={jobs.data.total} onPage={setPage} />
          </>
        )}
      </section>
    </div>
  );
}

function Panel({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
      <p className="mb-4 mt-0.5 text-xs text-slate-500">{description}</p>
      {children}
    </section>
  );
}
