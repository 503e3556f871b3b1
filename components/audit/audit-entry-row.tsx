"use client";

import { Badge } from "@/components/ui/badge";
import type { AuditLogEntry } from "@/lib/audit/list-audit-log";
import type { Role } from "@/lib/auth/permissions";
import { AuditChanges } from "./audit-changes";
import { AuditRevert } from "./audit-revert";
import { describeEntry, formatWhen } from "./format-audit";

/** One entry as a table row (md and wider): when (with zone), who, what, the changed fields and Revert. */
export function AuditEntryRow({ entry, role }: { entry: AuditLogEntry; role: Role }) {
  return (
    <tr data-testid="audit-entry" data-action={entry.action} className="align-top">
      <td className="px-4 py-3 text-xs whitespace-nowrap text-slate-600">
        <time dateTime={entry.at}>{formatWhen(entry.at)}</time>
        <div className="text-slate-400">#{entry.id}</div>
      </td>
      <td className="px-4 py-3 text-sm text-slate-700">{entry.actor}</td>
      <td className="px-4 py-3 text-sm">
        <div className="font-medium text-slate-900">{describeEntry(entry)}</div>
        <div className="font-mono text-xs text-slate-500">{entry.action}</div>
        {entry.revertedBy && (
          <div className="mt-1">
            <Badge tone="slate">Reverted by #{entry.revertedBy}</Badge>
          </div>
        )}
      </td>
      <td className="px-4 py-3 text-sm">
        <AuditChanges entry={entry} />
      </td>
      <td className="px-4 py-3 text-right">
        <AuditRevert entry={entry} role={role} />
      </td>
    </tr>
  );
}
