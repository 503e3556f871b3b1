"use client";

import { DataTable } from "@/components/ui/data-table";
import type { TierHealthRow } from "./use-upstream-health";

const time = (iso: string) => new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit" });

/** A tier's breaker history and last errors, under its row. */
export function TierHealthDetails({ row }: { row: TierHealthRow }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <div>
        <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Breaker history (7 days)</h3>
        {row.history.length === 0 ? (
          <p className="text-sm text-slate-500">No breaker transitions.</p>
        ) : (
          <DataTable variant="inset" columns={["When", "Change", "Why", "Instance"]} label={`Breaker history of ${row.tier}`}>
            {row.history.map((h) => (
              <tr key={`${h.at}-${h.instance}-${h.to}`}>
                <td className="whitespace-nowrap px-3 py-2">{time(h.at)}</td>
                <td className="whitespace-nowrap px-3 py-2">
                  {h.from} → <strong>{h.to}</strong>
                </td>
                <td className="px-3 py-2">{h.reason}</td>
                <td className="px-3 py-2 font-mono text-xs">{h.instance}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </div>
      <div>
        <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Last errors</h3>
        {row.lastErrors.length === 0 ? (
          <p className="text-sm text-slate-500">No failed attempts in this window.</p>
        ) : (
          <DataTable variant="inset" columns={["When", "Status", "Error"]} label={`Last errors of ${row.tier}`}>
            {row.lastErrors.map((e) => (
              <tr key={`${e.requestId}-${e.at}`}>
                <td className="whitespace-nowrap px-3 py-2">
                  <a className="text-brand-700 underline underline-offset-2" href={`/requests/${e.requestId}`}>
                    {time(e.at)}
                  </a>
                </td>
                <td className="px-3 py-2">{e.status ?? "—"}</td>
                <td className="break-all px-3 py-2 text-xs">{e.error}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </div>
    </div>
  );
}
