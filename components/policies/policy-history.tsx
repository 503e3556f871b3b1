"use client";

import { formatDateTime } from "@/components/charts/format";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { describeChanges } from "./policy-draft";
import { usePolicyHistory } from "./use-policy";

const ACTIONS: Record<string, string> = {
  "policy.bias_change": "Bias changed",
  "policy.update": "Settings changed",
  "policy.rules_replace": "Rules changed",
};

/** The policy's audit entries, newest first, as "field: before → after". */
export function PolicyHistory({ policy }: { policy: string }) {
  const history = usePolicyHistory(policy);
  return (
    <section aria-label="Change history" className="space-y-3">
      <h2 className="text-sm font-semibold text-slate-900">Change history</h2>
      {history.isPending ? (
        <LoadingRows rows={2} label="Loading the history" />
      ) : history.isError ? (
        <ErrorState message={history.error.message} onRetry={() => history.refetch()} />
      ) : history.data.length === 0 ? (
        <EmptyState title="No changes recorded yet">Saved changes to this policy show up here with who made them.</EmptyState>
      ) : (
        <ol className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          {history.data.map((entry) => {
            const changes = describeChanges(entry.before, entry.after);
            return (
              <li key={entry.id} className="px-4 py-3 text-sm">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-medium text-slate-900">{ACTIONS[entry.action] ?? entry.action}</span>
                  <span className="text-xs text-slate-500">
                    {entry.actor} · <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  </span>
                </div>
                {changes.length > 0 ? (
                  <ul className="mt-1 space-y-0.5 text-slate-600">
                    {changes.slice(0, 8).map((c) => (
                      <li key={c.field}>
                        {c.field}: <span className="tabular-nums">{c.before}</span> → <span className="font-medium tabular-nums text-slate-900">{c.after}</span>
                      </li>
                    ))}
                    {changes.length > 8 && <li className="text-xs text-slate-500">and {changes.length - 8} more</li>}
                  </ul>
                ) : (
                  <p className="mt-1 text-xs text-slate-500">No visible difference.</p>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
