"use client";

import { formatDateTime } from "@/components/charts/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { SpendBar } from "./spend-bar";
import type { KeyRow } from "./use-keys";

const COLUMNS = ["Key", "Policy", "Spend this month", "Over budget", "Rate limit", "Last used", "Created", { label: "Actions", isHidden: true }];

function formatDate(iso: string | null) {
  return iso ? formatDateTime(iso, { seconds: false }) : "Never";
}

export function KeysTable({ keys, onEdit, onRevoke }: { keys: KeyRow[]; onEdit: (k: KeyRow) => void; onRevoke: (k: KeyRow) => void }) {
  return (
    <DataTable columns={COLUMNS}>
      {keys.map((k) => (
        <tr key={k.id} className={k.revokedAt ? "bg-slate-50/60 text-slate-500" : undefined}>
          <td className="px-4 py-3">
            <div className="flex items-center gap-2 font-medium text-slate-900">
              {k.name}
              {k.revokedAt && <Badge tone="red">Revoked</Badge>}
            </div>
            <code className="font-mono text-xs text-slate-500">{k.prefix}…</code>
          </td>
          <td className="whitespace-nowrap px-4 py-3">{k.policy?.name ?? <span className="text-slate-500">default</span>}</td>
          <td className="px-4 py-3">
            <SpendBar spent={k.monthToDateUsd} budget={k.monthlyBudgetUsd} name={k.name} />
          </td>
          <td className="px-4 py-3">{k.overBudget === "downgrade" ? "Downgrade" : "Reject"}</td>
          <td className="whitespace-nowrap px-4 py-3">
            {k.rateLimitPerMinute === null ? (
              <span className="text-slate-500">
                <span aria-hidden="true">—</span>
                <span className="sr-only">Unlimited</span>
              </span>
            ) : (
              `${k.rateLimitPerMinute}/min`
            )}
          </td>
          <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatDate(k.lastUsedAt)}</td>
          <td className="whitespace-nowrap px-4 py-3 text-slate-600">
            {formatDate(k.createdAt)}
            {k.revokedAt && <div className="text-xs">revoked {formatDate(k.revokedAt)}</div>}
          </td>
          <td className="px-4 py-3 text-right">
            {!k.revokedAt && (
              <span className="inline-flex gap-2">
                <Button variant="secondary" size="sm" aria-label={`Edit ${k.name}`} onClick={() => onEdit(k)}>
                  Edit
                </Button>
                <Button variant="danger" size="sm" aria-label={`Revoke ${k.name}`} onClick={() => onRevoke(k)}>
                  Revoke
                </Button>
              </span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
