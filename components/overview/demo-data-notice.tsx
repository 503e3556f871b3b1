"use client";

import { useState } from "react";
import { formatCount } from "@/components/charts/format";
import { ConfirmDialog } from "@/components/config/confirm-dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useDemoData, useRemoveDemoData } from "./use-overview";

/** "These charts include demo traffic" with a remove button for roles that may change config. */
export function DemoDataNotice({ canRemove }: { canRemove: boolean }) {
  const demo = useDemoData();
  const remove = useRemoveDemoData();
  const [isConfirming, setConfirming] = useState(false);
  if (!demo.data?.requests) return null;

  return (
    <>
      <Alert
        variant="info"
        role="note"
        className="mb-6"
        action={
          canRemove && (
            <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
              Remove demo data
            </Button>
          )
        }
      >
        <p>
          Includes <strong>{formatCount(demo.data.requests)} demo requests</strong> (a simulated week through the real router) so the charts have something to show.
        </p>
      </Alert>
      <ConfirmDialog open={isConfirming} title="Remove all demo data?" confirmLabel="Remove demo data" tone="danger" onConfirm={() => remove.mutateAsync()} onClose={() => setConfirming(false)}>
        <p className="text-slate-600">
          This deletes the {formatCount(demo.data.requests)} demo requests, their labels and their dashboard aggregates. Real traffic is not touched. It cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
