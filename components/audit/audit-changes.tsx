"use client";

import { useState } from "react";
import type { AuditLogEntry } from "@/lib/audit/list-audit-log";
import { formatValue } from "./format-audit";

const SHOWN = 3;

/** An entry's changed fields, before → after: the first few, the rest on demand. */
export function AuditChanges({ entry }: { entry: AuditLogEntry }) {
  const [isExpanded, setExpanded] = useState(false);
  const changes = isExpanded ? entry.changes : entry.changes.slice(0, SHOWN);
  if (entry.changes.length === 0) return <span className="text-xs text-slate-500">No field changes recorded.</span>;
  return (
    <>
      <ul className="space-y-0.5 text-slate-600" aria-label={`Changes of entry ${entry.id}`}>
        {changes.map((c) => (
          <li key={c.path} data-testid="audit-change" className="break-all">
            <span className="font-mono text-xs text-slate-500">{c.path}</span>: <span className="line-through decoration-slate-400">{formatValue(c.before)}</span> →{" "}
            <span className="font-medium text-slate-900">{formatValue(c.after)}</span>
          </li>
        ))}
      </ul>
      {entry.changes.length > SHOWN && (
        <button type="button" className="mt-1 text-xs font-medium text-brand-700 underline underline-offset-2" aria-expanded={isExpanded} onClick={() => setExpanded(!isExpanded)}>
          {isExpanded ? "Show fewer" : `Show all ${entry.changes.length} changes`}
        </button>
      )}
    </>
  );
}
