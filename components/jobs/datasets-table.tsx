"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/config/confirm-dialog";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { formatJobTime } from "./job-format";
import type { Dataset } from "./types";
import { useDatasets, useDeleteDataset } from "./use-datasets";

const COLUMNS = ["Name", { label: "Rows", isNumeric: true }, "Created", { label: "Actions", isHidden: true }];

/** Imported outcome datasets (what retraining can learn from), with delete. */
export function DatasetsTable() {
  const datasets = useDatasets();
  const remove = useDeleteDataset();
  const [deleting, setDeleting] = useState<Dataset | null>(null);
  if (datasets.isPending) return <LoadingRows rows={2} label="Loading datasets" />;
  if (datasets.isError) return <ErrorState message={datasets.error.message} onRetry={() => datasets.refetch()} />;
  if (datasets.data.length === 0) return <EmptyState title="No datasets yet">Upload an outcomes file above: each line a request with the quality each model reached on it.</EmptyState>;
  return (
    <>
      <DataTable label="Datasets" columns={COLUMNS} variant="inset" className="max-h-64 overflow-y-auto" hasStickyHeader>
        {datasets.data.map((d) => (
          <tr key={d.id}>
            <td className="px-3 py-2">
              <div className="font-medium text-slate-900">{d.name}</div>
              <div className="max-w-64 truncate text-xs text-slate-500" title={d.models.join(", ")}>
                {d.models.length} models · {d.source}
              </div>
            </td>
            <td className="px-3 py-2 text-right tabular-nums text-slate-700">{d.rowCount.toLocaleString("en-US")}</td>
            <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatJobTime(d.createdAt)}</td>
            <td className="px-3 py-2 text-right">
              <Button variant="danger" size="sm" aria-label={`Delete dataset ${d.name}`} onClick={() => setDeleting(d)}>
                Delete
              </Button>
            </td>
          </tr>
        ))}
      </DataTable>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete dataset ${deleting?.name ?? ""}?`}
        confirmLabel="Delete dataset"
        tone="danger"
        onConfirm={() => remove.mutateAsync(deleting!.id)}
        onClose={() => setDeleting(null)}
      >
        <p>Its {deleting?.rowCount.toLocaleString("en-US")} rows go. Classifiers already trained on it keep working; new jobs can no longer use it.</p>
      </ConfirmDialog>
    </>
  );
}
