import Link from "next/link";
import { formatDateTime, formatMs, formatUsd } from "@/components/charts/format";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { inboundApiPath, snippetText } from "./prepare-request-detail";
import type { RequestRow } from "./types";

const COLUMNS = ["Time", "Prompt", "Policy", "Tier", "Stage", "Status", { label: "Latency", isNumeric: true }, { label: "Cost", isNumeric: true }];

export function RequestsTable({ rows }: { rows: RequestRow[] }) {
  return (
    <DataTable columns={COLUMNS} cellPadding="px-2 py-3">
      {rows.map((r) => (
        <tr key={r.id} className="hover:bg-slate-50">
          <td className="whitespace-nowrap px-2 py-2">
            <Link href={`/requests/${r.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline" aria-label={`Request ${r.id} at ${formatDateTime(r.createdAt)}`}>
              {formatDateTime(r.createdAt)}
            </Link>
            {r.isDemo && <span className="ml-2"><Badge>demo</Badge></span>}
            {r.api !== "chat" && <span className="ml-2" title={`Came in on ${inboundApiPath(r.api)}`}><Badge>{r.api}</Badge></span>}
          </td>
          <td className="max-w-52 truncate px-2 py-2 text-slate-700" title={snippetText(r.promptSnippet)}>
            {snippetText(r.promptSnippet) || <span className="text-slate-400">not stored</span>}
          </td>
          <td className="whitespace-nowrap px-2 py-2 text-slate-600">{r.policyName ?? "—"}</td>
          <td className="px-2 py-2 font-medium text-slate-800">{r.tierName ?? "—"}</td>
          <td className="px-2 py-2">
            <Badge tone={r.stage === "escalation" || r.stage === "hedge" ? "amber" : r.stage === "fallback" ? "red" : "blue"}>{r.stage}</Badge>
          </td>
          <td className="px-2 py-2">{r.status === "ok" ? <Badge tone="green">ok</Badge> : <Badge tone="red">{`error ${r.httpStatus}`}</Badge>}</td>
          <td className="px-2 py-2 text-right tabular-nums text-slate-700">{formatMs(r.totalMs)}</td>
          <td className="px-2 py-2 text-right tabular-nums text-slate-700">{formatUsd(r.costUsd)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
