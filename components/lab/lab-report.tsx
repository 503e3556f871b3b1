"use client";

import Link from "next/link";
import { useState } from "react";
import { formatCount, formatMs, formatPercent, formatShares, formatUsd } from "@/components/charts/format";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import type { TierAdvice } from "@/lib/lab/advise-tiers";
import type { ReplayReport } from "@/lib/lab/replay/run-replay";

const q = (x: number | null) => (x === null ? "—" : x.toFixed(3));

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums text-slate-900">{value}</dd>
      {hint && <dd className="text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}

/** A replay's report: what changes, what it costs, what quality it projects and on what evidence. */
const PAGE = 20;

export function ReplayReportView({ report: r }: { report: ReplayReport }) {
  const [shown, setShown] = useState(PAGE);
  const c = r.candidate;
  const delta = r.current.costUsd > 0 ? (c.costUsd - r.current.costUsd) / r.current.costUsd : null;
  const skipped = Object.entries(r.notReplayable);
  // runs stored before shadow evaluation counted labels only
  const bySource = (c.estimate as Partial<typeof c.estimate>).evidenceBySource ?? { label: c.estimate.evidence, shadow: 0 };
  return (
    <section aria-label="Replay report" className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <Figure label="Requests replayed" value={formatCount(r.replayed)} hint={`of ${formatCount(r.requests)} logged${r.fromFeatures ? ` · ${formatCount(r.fromFeatures)} from recorded scores` : ""}`} />
        <Figure label="Tier changes" value={formatCount(r.changed)} hint={`${formatCount(r.up)} up · ${formatCount(r.down)} down`} />
        <Figure label="Cost" value={formatUsd(c.costUsd)} hint={`now ${formatUsd(r.current.costUsd)}${delta === null ? "" : ` · ${delta >= 0 ? "+" : "−"}${formatPercent(Math.abs(delta))}`}`} />
        <Figure label="Quality (share adequate)" value={q(c.quality)} hint={`[${q(c.qualityLow)}, ${q(c.qualityHigh)}] · now ${q(r.current.quality)}`} />
        <Figure label="Escalations" value={formatPercent(c.escalationRate)} hint={`now ${formatPercent(r.current.escalationRate)} · adds ${formatMs(c.addedLatencyMs.mean)} mean, ${formatMs(c.addedLatencyMs.p95)} p95`} />
      </dl>
      <p className="text-xs text-slate-600">
        Quality by {c.estimate.method === "doubly-robust" ? "the doubly robust estimate" : "the classifier alone (no labels to correct it)"}: model {q(c.estimate.model)}
        {c.estimate.ips !== null && <>, inverse-propensity {q(c.estimate.ips)}</>}; {formatCount(c.estimate.evidence)} requests as direct evidence ({formatCount(bySource.label)} reviewer labels, {formatCount(bySource.shadow)} shadow pairs)
        {c.estimate.ess !== null && <> (effective sample size {c.estimate.ess.toFixed(1)})</>}, labeling rate {formatPercent(r.labelRate, 2)}, shadow rate {formatPercent(r.shadowRate ?? 0, 2)}. {r.method}
      </p>
      {skipped.length > 0 && <p className="text-sm text-amber-800">Not replayable: {skipped.map(([why, n]) => `${formatCount(n)} (${why})`).join(", ")}.</p>}
      <DataTable caption="Requests whose tier changes" label="Requests whose tier changes" columns={["Request", "Prompt", "Now", "Candidate", { label: "Quality now → then", isNumeric: true }, { label: "Cost now → then", isNumeric: true }]}>
        {r.changedRequests.length === 0 ? (
          <tr>
            <td colSpan={6} className="px-4 py-6 text-center text-sm text-slate-500">No request would change tier.</td>
          </tr>
        ) : (
          r.changedRequests.slice(0, shown).map((x) => (
            <tr key={x.id}>
              <td className="px-4 py-2 font-mono text-xs">
                <Link href={`/requests/${x.id}`} className="text-brand-700 hover:underline">{x.id.slice(0, 8)}</Link>
              </td>
              <td className="max-w-md truncate px-4 py-2 text-slate-600">{x.prompt?.replace(/^\w+: /, "") ?? "(prompt not stored)"}</td>
              <td className="px-4 py-2">{x.from ?? "—"}</td>
              <td className="px-4 py-2">
                {x.to ?? "—"} <Badge tone={x.direction === "up" ? "amber" : "green"}>{x.direction}</Badge>
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{q(x.qualityFrom)} → {q(x.qualityTo)}</td>
              <td className="px-4 py-2 text-right tabular-nums">{formatUsd(x.costFrom)} → {formatUsd(x.costTo)}</td>
            </tr>
          ))
        )}
      </DataTable>
      <div className="flex items-center gap-3 text-xs text-slate-500">
        <span>
          {formatCount(Math.min(shown, r.changedRequests.length))} of {formatCount(r.changed)} changed requests shown{r.changed > r.changedRequests.length ? ` (the report keeps the first ${r.changedRequests.length})` : ""}.
        </span>
        {shown < r.changedRequests.length && (
          <button type="button" className="text-brand-700 hover:underline" onClick={() => setShown(shown + PAGE)}>
            Show {Math.min(PAGE, r.changedRequests.length - shown)} more
          </button>
        )}
      </div>
    </section>
  );
}

/** The tier-count advice: each tier set replayed, and which to keep. */
export function AdviceView({ advice }: { advice: TierAdvice }) {
  const key = (t: readonly string[]) => t.join(" → ");
  return (
    <section aria-label="Tier advice" className="space-y-3">
      <p className="text-sm text-slate-800">
        <span className="font-medium">Recommended: {key(advice.recommended)}.</span> {advice.reason}.
      </p>
      <DataTable caption="Tier sets replayed" label="Tier sets replayed" columns={["Tiers", { label: "Cost", isNumeric: true }, { label: "Quality", isNumeric: true }, { label: "Escalations", isNumeric: true }, { label: "Added latency", isNumeric: true }, "Answered by"]}>
        {advice.options.map((o) => (
          <tr key={key(o.tiers)}>
            <td className="px-4 py-2">
              {key(o.tiers)} {o.current && <Badge>current</Badge>} {key(o.tiers) === key(advice.recommended) && <Badge tone="green">recommended</Badge>}
            </td>
            <td className="px-4 py-2 text-right tabular-nums">{formatUsd(o.costUsd)}</td>
            <td className="px-4 py-2 text-right tabular-nums">
              {q(o.quality)} <span className="text-xs text-slate-500">[{q(o.qualityLow)}, {q(o.qualityHigh)}]</span>
            </td>
            <td className="px-4 py-2 text-right tabular-nums">{formatPercent(o.escalationRate)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{formatMs(o.addedLatencyMs)}</td>
            <td className="px-4 py-2 text-xs text-slate-600">{formatShares(o.tiers.map((t) => [t, o.shares[t] ?? 0]))}</td>
          </tr>
        ))}
      </DataTable>
      <p className="text-xs text-slate-500">Quality is the share of answers judged adequate, on one scale for every set (P(enough) among all enabled tiers). The recommendation minimises cost + the policy&apos;s price of a wrong answer × the answers likely not good enough, and changes only for a gain of 2% or more.</p>
    </section>
  );
}
