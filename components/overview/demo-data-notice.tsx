"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formatCount } from "@/components/charts/format";
import { useDemoData, useRemoveDemoData } from "./use-overview";

/** "These charts include demo traffic" with a remove button for roles that may change config. */
export function DemoDataNotice({ canRemove }: { canRemove: boolean }) {
  const demo = useDemoData();
  const remove = useRemoveDemoData();
  const [isConfirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!demo.data?.requests) return null;

  async function confirm() {
    setError(null);
    try {
      await remove.mutateAsync();
      setConfirming(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not remove the demo data.");
    }
  }

  return (
    <div role="note" className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-lg bg-brand-50 px-4 py-3 text-sm text-brand-700 ring-1 ring-brand-100">
      <p>
        Includes <strong>{formatCount(demo.data.requests)} demo requests</strong> (a simulated week through the real router) so the charts have something to show.
      </p>
      {canRemove && (
        <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
          Remove demo data
        </Button>
      )}
      <Dialog open={isConfirming} onClose={() => setConfirming(false)} title="Remove all demo data?">
        <p className="text-sm text-slate-600">
          This deletes the {formatCount(demo.data.requests)} demo requests, their labels and their dashboard aggregates. Real traffic is not touched. It cannot be undone.
        </p>
        {error && (
          <p role="alert" className="mt-3 text-sm text-red-600">
            {error}
          </p>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button variant="danger" onClick={confirm} isLoading={remove.isPending}>
            Remove demo data
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
