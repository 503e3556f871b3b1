"use client";

import { Fragment, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { TierHealthDetails } from "./tier-health-details";
import type { TierHealthRow } from "./use-upstream-health";

const COLUMNS = [
  "Tier",
  "Status",
  { label: "p50", isNumeric: true, title: "Median attempt latency" },
  { label: "p95", isNumeric: true },
  { label: "Error rate", isNumeric: true },
  { label: "Timeout · 5xx · 429 · conn · 4xx", title: "Failed attempts by class" },
  "Breaker",
  { label: "Details", isHidden: true },
];

const VERDICT = {
  down: { tone: "red", label: "Breaker open" },
  failing: { tone: "red", label: "Failing" },
  ok: { tone: "green", label: "Healthy" },
  idle: { tone: "slate", label: "No traffic" },
} as const;

const ms = (v: number | null) => (v === null ? "—" : v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);

export function UpstreamHealthTable({ rows }: { rows: TierHealthRow[] }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <DataTable columns={COLUMNS} label="Upstream health">
      {rows.map((r) => {
        const isRed = r.verdict === "down" || r.verdict === "failing";
        const v = VERDICT[r.verdict];
        return (
          <Fragment key={r.tier}>
            <tr className={isRed ? "bg-red-50" : r.enabled ? undefined : "text-slate-500"} data-verdict={r.verdict}>
              <td className="px-4 py-3">
                <div className="font-medium text-slate-900">{r.tier}</div>
                <div className="text-xs text-slate-500">
                  {r.model}
                  {r.baseUrl && <span className="ml-1 font-mono">@ {r.baseUrl}</span>}
                </div>
              </td>
              <td className="px-4 py-3">
                <Badge tone={v.tone}>{v.label}</Badge>
              </td>
              <td className="px-4 py-3 text-right tabular-nums">{ms(r.p50Ms)}</td>
              <td className="px-4 py-3 text-right tabular-nums">{ms(r.p95Ms)}</td>
              <td className={`px-4 py-3 text-right tabular-nums ${isRed ? "font-semibold text-red-700" : ""}`}>
                {r.errorRate === null ? "—" : `${(r.errorRate * 100).toFixed(1)}%`}
                <div className="text-xs font-normal text-slate-500">of {r.attempts}</div>
              </td>
              <td className="px-4 py-3 tabular-nums">{[r.byClass.timeout, r.byClass["5xx"], r.byClass["429"], r.byClass.connection, r.byClass["4xx"]].join(" · ")}</td>
              <td className="px-4 py-3">
                <Badge tone={r.breaker.state === "closed" ? "green" : r.breaker.state === "open" ? "red" : "amber"}>{r.breaker.state}</Badge>
                {r.breaker.instances.length > 1 && <div className="text-xs text-slate-500">{r.breaker.instances.length} instances</div>}
              </td>
              <td className="px-4 py-3 text-right">
                <Button variant="secondary" size="sm" aria-expanded={open === r.tier} aria-label={`Details of ${r.tier}`} onClick={() => setOpen(open === r.tier ? null : r.tier)}>
                  {open === r.tier ? "Hide" : "Details"}
                </Button>
              </td>
            </tr>
            {open === r.tier && (
              <tr>
                <td colSpan={COLUMNS.length} className="bg-slate-50 px-4 py-4">
                  <TierHealthDetails row={r} />
                </td>
              </tr>
            )}
          </Fragment>
        );
      })}
    </DataTable>
  );
}
