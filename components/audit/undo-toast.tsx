"use client";

import { useEffect } from "react";
import { useRevertAuditEntry } from "./use-audit-log";

export type UndoNotice = { message: string; auditId: string };

/**
 * "Saved. Undo" after a live-routing change: Undo reverts the audit entry the change wrote
 * (POST /api/admin/audit/:id/revert). Stays 20 s; a polite live region for screen readers.
 * Feature-local on purpose: components/ui has no toast yet (see the report to the lead).
 */
export function UndoToast({ notice, onDone }: { notice: UndoNotice | null; onDone: (result: { error?: string } | null) => void }) {
  const revert = useRevertAuditEntry();
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => onDone(null), 20_000);
    return () => clearTimeout(timer);
  }, [notice, onDone]);

  return (
    <div role="status" aria-live="polite" className="fixed right-4 bottom-4 z-50">
      {notice && (
        <div data-testid="undo-toast" className="flex items-center gap-4 rounded-lg bg-slate-900 px-4 py-3 text-sm text-white shadow-lg">
          <span>{notice.message}</span>
          <button
            type="button"
            className="font-semibold text-brand-200 underline underline-offset-2 disabled:opacity-50"
            disabled={revert.isPending}
            onClick={() =>
              revert.mutate({ id: notice.auditId }, { onSuccess: () => onDone(null), onError: (e) => onDone({ error: `Undo failed: ${e.message}` }) })
            }
          >
            Undo
          </button>
          <button type="button" aria-label="Dismiss" className="text-slate-400 hover:text-white" onClick={() => onDone(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
