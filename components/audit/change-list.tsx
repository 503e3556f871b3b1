"use client";

import { diffAudit } from "@/lib/audit/diff-audit";
import { formatValue } from "./format-audit";

/**
 * A draft's diff, field by field (before → after), the same paths the audit log shows once it is
 * published ("rules[refunds].enabled: true → false"): what Publish would change.
 */
export function ChangeList({ before, after, label }: { before: unknown; after: unknown; label: string }) {
  const changes = diffAudit(before, after);
  if (changes.length === 0) return <p className="text-sm text-slate-500">No changes: the draft equals what is live.</p>;
  return (
    <ul aria-label={label} className="space-y-1 rounded-md bg-slate-50 px-3 py-2 text-sm ring-1 ring-slate-200">
      {changes.map((c) => (
        <li key={c.path} data-testid="draft-change" className="[overflow-wrap:anywhere]">
          <span className="font-mono text-xs text-slate-500">{c.path}</span>: <span className="text-slate-500 line-through decoration-slate-400">{formatValue(c.before)}</span> →{" "}
          <span className="font-medium text-slate-900">{formatValue(c.after)}</span>
        </li>
      ))}
    </ul>
  );
}
