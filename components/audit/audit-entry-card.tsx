"use client";

import { Badge } from "@/components/ui/badge";
import type { AuditLogEntry } from "@/lib/audit/list-audit-log";
import type { Role } from "@/lib/auth/permissions";
import { AuditChanges } from "./audit-changes";
import { AuditRevert } from "./audit-revert";
import { describeEntry, formatWhen } from "./format-audit";

/** One entry as a card (under md, where the table would scroll sideways): who and when, what, the changes, Revert. */
export function AuditEntryCard({ entry, role }: { entry: AuditLogEntry; role: Role }) {
  return (
    <li data-testid="audit-card" data-action={entry.action} className="space-y-2 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="font-medium text-slate-900">{describeEntry(entry)}</div>
          <div className="text-xs text-slate-600">
            <span className="break-all">{entry.actor}</span> · <time dateTime={entry.at}>{formatWhen(entry.at)}</time> · #{entry.id}
          </div>
        </div>
        <div className="shrink-0">
          <AuditRevert entry={entry} role={role} />
        </div>
      </div>
      <div className="font-mono text-xs break-all text-slate-500">{entry.action}</div>
      {entry.revertedBy && <Badge tone="slate">Reverted by #{entry.revertedBy}</Badge>}
      <AuditChanges entry={entry} />
    </li>
  );
}
