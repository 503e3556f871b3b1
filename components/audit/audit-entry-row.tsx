"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/config/confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { AuditLogEntry } from "@/lib/audit/list-audit-log";
import { can, type Role } from "@/lib/auth/permissions";
import { describeEntry, formatValue, formatWhen } from "./format-audit";
import { useRevertAuditEntry } from "./use-audit-log";

const SHOWN = 3;

/** One entry: when (with zone), who, what, the changed fields (first few, the rest on demand) and Revert. */
export function AuditEntryRow({ entry, role }: { entry: AuditLogEntry; role: Role }) {
  const [isOpen, setOpen] = useState(false);
  const [isExpanded, setExpanded] = useState(false);
  const [force, setForce] = useState(false);
  const revert = useRevertAuditEntry();
  const changes = isExpanded ? entry.changes : entry.changes.slice(0, SHOWN);
  const what = describeEntry(entry);

  return (
    <tr data-testid="audit-entry" data-action={entry.action} className="align-top">
      <td className="px-4 py-3 text-xs whitespace-nowrap text-slate-600">
        <time dateTime={entry.at}>{formatWhen(entry.at)}</time>
        <div className="text-slate-400">#{entry.id}</div>
      </td>
      <td className="px-4 py-3 text-sm text-slate-700">{entry.actor}</td>
      <td className="px-4 py-3 text-sm">
        <div className="font-medium text-slate-900">{what}</div>
        <div className="font-mono text-xs text-slate-500">{entry.action}</div>
        {entry.revertedBy && (
          <div className="mt-1">
            <Badge tone="slate">Reverted by #{entry.revertedBy}</Badge>
          </div>
        )}
      </td>
      <td className="px-4 py-3 text-sm">
        {entry.changes.length === 0 ? (
          <span className="text-xs text-slate-500">No field changes recorded.</span>
        ) : (
          <ul className="space-y-0.5 text-slate-600" aria-label={`Changes of entry ${entry.id}`}>
            {changes.map((c) => (
              <li key={c.path} data-testid="audit-change" className="break-all">
                <span className="font-mono text-xs text-slate-500">{c.path}</span>: <span className="line-through decoration-slate-400">{formatValue(c.before)}</span> →{" "}
                <span className="font-medium text-slate-900">{formatValue(c.after)}</span>
              </li>
            ))}
          </ul>
        )}
        {entry.changes.length > SHOWN && (
          <button type="button" className="mt-1 text-xs font-medium text-brand-700 underline underline-offset-2" aria-expanded={isExpanded} onClick={() => setExpanded(!isExpanded)}>
            {isExpanded ? "Show fewer" : `Show all ${entry.changes.length} changes`}
          </button>
        )}
      </td>
      <td className="px-4 py-3 text-right">
        {entry.revertible && entry.permission && !can(role, entry.permission) ? (
          <span className="text-xs text-slate-400" title={`Reverting this needs ${entry.permission}, which your role does not have.`}>
            Needs {entry.permission}
          </span>
        ) : entry.revertible ? (
          <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
            Revert
          </Button>
        ) : (
          <span className="text-xs text-slate-400" title={entry.reason ?? undefined}>
            Not revertible
          </span>
        )}
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
          <p>
            This puts back the state before “{what}”. Gateways reload within a second. The revert is itself recorded here and can be reverted.
          </p>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
            Revert even if it changed again since (later changes to it are lost)
          </label>
        </ConfirmDialog>
      </td>
    </tr>
  );
}
