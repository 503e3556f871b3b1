"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/config/confirm-dialog";
import { Button } from "@/components/ui/button";
import type { AuditLogEntry } from "@/lib/audit/list-audit-log";
import { can, type Role } from "@/lib/auth/permissions";
import { describeEntry } from "./format-audit";
import { useRevertAuditEntry } from "./use-audit-log";

/** Revert (with its confirm), or why the entry cannot be reverted by this role. */
export function AuditRevert({ entry, role }: { entry: AuditLogEntry; role: Role }) {
  const [isOpen, setOpen] = useState(false);
  const [force, setForce] = useState(false);
  const revert = useRevertAuditEntry();
  if (entry.revertible && entry.permission && !can(role, entry.permission)) {
    return (
      <span className="text-xs text-slate-500" title={`Reverting this needs ${entry.permission}, which your role does not have.`}>
        Needs {entry.permission}
      </span>
    );
  }
  if (!entry.revertible) {
    return (
      <span className="text-xs text-slate-500" title={entry.reason ?? undefined}>
        Not revertible
      </span>
    );
  }
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} aria-label={`Revert #${entry.id}`}>
        Revert
      </Button>
      <ConfirmDialog
        open={isOpen}
        title={`Revert #${entry.id}?`}
        confirmLabel="Revert"
        tone="danger"
        onConfirm={() => revert.mutateAsync({ id: entry.id, force })}
        onClose={() => {
          setOpen(false);
          setForce(false);
        }}
      >
        <p>This puts back the state before “{describeEntry(entry)}”. Gateways reload within a second. The revert is itself recorded here and can be reverted.</p>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          Revert even if it changed again since (later changes to it are lost)
        </label>
      </ConfirmDialog>
    </>
  );
}
