"use client";

import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import type { DeliveryRow } from "./use-alert-channels";

const COLUMNS = ["When", "Channel", "Alert", "Event", "Status", { label: "Attempts", isNumeric: true }];
const STATUS_TONE = { sent: "green", pending: "amber", failed: "red" } as const;

function when(iso: string) {
  return new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit" });
}

/** What was sent, when, and whether it arrived; newest first. */
export function DeliveriesTable({ items }: { items: DeliveryRow[] }) {
  return (
    <DataTable columns={COLUMNS} label="Delivery log">
      {items.map((d) => {
        const title = (d.payload as { title?: string } | null)?.title ?? d.episodeKey;
        return (
          <tr key={d.id}>
            <td className="whitespace-nowrap px-4 py-3 text-slate-600">{when(d.createdAt)}</td>
            <td className="px-4 py-3">{d.channel.name}</td>
            <td className="px-4 py-3">
              <div className="text-slate-900">{title}</div>
              <code className="font-mono text-xs text-slate-500">{d.episodeKey}</code>
            </td>
            <td className="px-4 py-3 capitalize">{d.event}</td>
            <td className="px-4 py-3">
              <Badge tone={STATUS_TONE[d.status as keyof typeof STATUS_TONE] ?? "slate"}>{d.status === "sent" ? "Sent" : d.status === "pending" ? "Retrying" : "Failed"}</Badge>
              {d.sentAt && <div className="mt-1 text-xs text-slate-500">at {when(d.sentAt)}</div>}
              {d.status !== "sent" && d.lastError && <div className="mt-1 text-xs text-red-700">{d.lastError}</div>}
              {d.status === "pending" && <div className="text-xs text-slate-500">next try {when(d.nextAttemptAt)}</div>}
            </td>
            <td className="px-4 py-3 text-right tabular-nums">{d.attempts}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}
