"use client";

import { useState } from "react";
import { formatCount, formatMs, formatPercent, formatUsd } from "@/components/charts/format";
import { Badge } from "@/components/ui/badge";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import type { Ledger } from "@/lib/lab/ledger";
import { useLedgers } from "./use-ledger";

/** The overview's headline: is routing paying off, per policy, net of what it costs — with the verdict's reasons. */
export function LedgerCard({ from, to }: { from: Date; to: Date }) {
  const ledgers = useLedgers({ from, to });
  return (
    <section aria-labelledby="ledger-title" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-busy={ledgers.isFetching || undefined}>
      <h2 id="ledger-title" className="text-sm font-semibold text-slate-900">Is routing paying off?</h2>
      <p className="mt-0.5 text-xs text-slate-500">
        What the traffic would have cost on each policy&apos;s most capable tier, against what every attempt cost — escalated and hedged answers that were thrown away included.
      </p>
      {ledgers.isPending ? (
        <LoadingRows rows={3} label="Loading the ledger" />
      ) : ledgers.isError ? (
        <ErrorState message={ledgers.error.message} onRetry={() => ledgers.refetch()} />
      ) : (
        <ul className="mt-3 divide-y divide-slate-100">
          {ledgers.data.policies.filter((l) => l.requests > 0).map((l) => (
            <PolicyLedger key={l.policy} ledger={l} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PolicyLedger({ ledger: l }: { ledger: Ledger }) {
  const [open, setOpen] = useState(false);
  const failing = l.verdict.reasons.find((r) => !r.ok);
  const waste = l.escalationWasteUsd + l.hedgeWasteUsd;
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <div className="min-w-40">
          <div className="flex items-center gap-2">
            <span className="font-medium text-slate-900">{l.policy}</span>
            <Badge tone={l.verdict.worthIt ? "green" : "amber"}>{l.verdict.worthIt ? "Pays off" : "Not worth it here"}</Badge>
          </div>
          <div className="text-xs text-slate-500">{formatCount(l.requests)} requests</div>
        </div>
        <Figure label="Net saving" value={l.netSavingsPct === null ? "—" : `${l.netSavingsPct.toFixed(1)}%`} hint={`${formatUsd(l.netSavingsUsd)} of ${formatUsd(l.baselineUsd)}`} tone={(l.netSavingsPct ?? 0) > 0 ? "good" : "bad"} />
        <Figure label="Waste" value={formatUsd(waste)} hint={`escalation ${formatUsd(l.escalationWasteUsd)} · hedges ${formatUsd(l.hedgeWasteUsd)}`} />
        {(l.shadowPairs > 0 || l.explored > 0) && (
          <Figure label="Evaluation" value={formatUsd(l.shadowUsd + l.exploreCostUsd)} hint={`shadow ${formatUsd(l.shadowUsd)} (${formatCount(l.shadowPairs)} pairs) · exploring ${formatUsd(l.exploreCostUsd)}`} />
        )}
        <Figure label="Escalations add" value={formatMs(l.escalationLatencyMs.p95)} hint={`p95 · p50 ${formatMs(l.escalationLatencyMs.p50)} · ${formatPercent(l.escalationRate)} escalated`} />
        <Figure label="Router overhead" value={formatMs(l.routerOverheadMs.p50)} hint={`p50 · p95 ${formatMs(l.routerOverheadMs.p95)}`} />
        <div className="ml-auto">
          <button type="button" className="text-sm text-brand-700 underline-offset-2 hover:underline" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? "Hide why" : "Why?"}
          </button>
        </div>
      </div>
      {!open && failing && <p className="mt-1 text-xs text-amber-800">{failing.text}</p>}
      {open && (
        <ul className="mt-2 space-y-1 text-sm" aria-label={`Verdict for ${l.policy}`}>
          {l.verdict.reasons.map((r) => (
            <li key={r.check} className={r.ok ? "text-slate-700" : "text-amber-800"}>
              <span aria-hidden>{r.ok ? "✓ " : "✗ "}</span>
              <span className="sr-only">{r.ok ? "passes: " : "fails: "}</span>
              {r.text}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function Figure({ label, value, hint, tone }: { label: string; value: string; hint: string; tone?: "good" | "bad" }) {
  const color = tone === "good" ? "text-emerald-700" : tone === "bad" ? "text-red-700" : "text-slate-900";
  return (
    <div>
      <div className="text-xs text-slate-500">{label}</div>
      <div className={`text-lg font-semibold tabular-nums ${color}`}>{value}</div>
      <div className="text-xs text-slate-500">{hint}</div>
    </div>
  );
}
