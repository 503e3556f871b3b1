"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { CategoryBarChart } from "@/components/charts/bar-chart";
import { formatCount, formatDateTime, formatMs, formatPercent, formatUsd } from "@/components/charts/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { attemptPart, inboundApiPath, OUTCOME_LABELS, prepareLatencyBreakdown } from "./prepare-request-detail";
import { RequestLabelForm } from "./request-label-form";
import { RequestTrace } from "./request-trace";
import type { RequestDetail } from "./types";
import { useRequest } from "./use-requests";

const SHADOW_VERDICTS: Record<string, { text: string; tone: "green" | "amber" | "red" | "slate" }> = {
  "served-better": { text: "Served answer better", tone: "green" },
  tie: { text: "Tie: the served tier was enough", tone: "green" },
  equal: { text: "Same tool calls / JSON", tone: "green" },
  "shadow-better": { text: "Shadow answer better", tone: "red" },
  different: { text: "Different tool calls / JSON", tone: "amber" },
  failed: { text: "Not graded", tone: "slate" },
};

/** Each shadow pair as the two answers side by side: served (its tier) | the other tier's, then the judge. */
function ShadowPairs({ pairs, served }: { pairs: RequestDetail["shadowPairs"]; served: string | null }) {
  return (
    <ul className="space-y-4 text-sm">
      {pairs.map((p) => {
        const verdict = SHADOW_VERDICTS[p.verdict] ?? { text: p.verdict, tone: "slate" as const };
        return (
          <li key={p.id} className="space-y-2">
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={verdict.tone}>{verdict.text}</Badge>
              <span className="text-slate-500">
                {p.servedTier} (served) vs {p.shadowTier} (shadow) · {p.method === "equality" ? "compared by equality" : `judged by ${p.judgeTier ?? "—"}`} · {formatUsd(p.shadowCostUsd + p.judgeCostUsd)} · {formatDateTime(p.createdAt)}
              </span>
            </div>
            {p.error && <p className="text-amber-800">{p.error}</p>}
            <div className="grid gap-3 md:grid-cols-2">
              <div>
                <h3 className="mb-1 text-xs font-medium text-slate-500">{`Served (${p.servedTier})`}</h3>
                <Text label={`Served answer (${p.servedTier})`} value={served} />
              </div>
              <div>
                <h3 className="mb-1 text-xs font-medium text-slate-500">{`Other tier (${p.shadowTier})`}</h3>
                <Text label={`Other tier's answer (${p.shadowTier})`} value={p.shadowAnswer} empty={p.isDemo ? "The demo does not simulate the shadow tier's answer: its verdict comes from the dataset's record." : undefined} />
              </div>
            </div>
            {p.judgeText !== null && (
              <div>
                <h3 className="mb-1 text-xs font-medium text-slate-500">Judge said</h3>
                <Text label="Judge said" value={p.judgeText} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

const VERDICTS = { correct: "Correct", should_be_cheaper: "Should be cheaper", should_be_more_capable: "Should be more capable" } as const;

/** `canLabel`: the viewer may label (labels:write); the page shows a Label control then. */
export function RequestDetailView({ id, canLabel = false }: { id: string; canLabel?: boolean }) {
  const request = useRequest(id);
  if (request.isPending) return <LoadingRows rows={6} label="Loading the request" />;
  if (request.isError) {
    return request.error.message && "status" in request.error && request.error.status === 404 ? (
      <EmptyState title="No such request" action={<Link className="text-brand-700 underline" href="/requests">Back to the request log</Link>}>It may have been removed by retention or with the demo data.</EmptyState>
    ) : (
      <ErrorState message={request.error.message} onRetry={() => request.refetch()} />
    );
  }
  return <Detail r={request.data.request} canLabel={canLabel} />;
}

/** The review queue's rule (label-repo `eligible`): answered, routed, prompt stored. */
const isLabelable = (r: RequestDetail) => r.status === "ok" && r.stage !== "bypass" && r.prompt !== null && r.tierName !== null;

function Detail({ r, canLabel }: { r: RequestDetail; canLabel: boolean }) {
  const breakdown = prepareLatencyBreakdown(r.latency, r.totalMs);
  const attempts = r.latency.attempts ?? [];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone="blue">{r.tierName ?? "no tier"}</Badge>
        <Badge tone={r.stage === "escalation" ? "amber" : r.stage === "fallback" ? "red" : "slate"}>{`stage: ${r.stage}`}</Badge>
        {r.status === "ok" ? <Badge tone="green">ok</Badge> : <Badge tone="red">{`error ${r.httpStatus}`}</Badge>}
        {r.isDemo && <Badge>demo</Badge>}
        <span className="text-slate-500">
          {formatDateTime(r.createdAt)} · {inboundApiPath(r.api)}{r.stream ? " (stream)" : ""} · policy {r.policyName ?? "—"} · model {r.model ?? "—"} · key {r.apiKey?.name ?? "—"}
        </span>
      </div>
      {r.error && (
        <Alert variant="error" role={null}>
          {r.error}
        </Alert>
      )}
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Card label="Total latency" value={formatMs(r.totalMs)} />
        <Card label="Cost" value={formatUsd(r.costUsd)} hint={`${formatUsd(r.baselineCostUsd)} on the most capable tier`} />
        <Card label="Tokens" value={`${formatCount(r.promptTokens)} + ${formatCount(r.completionTokens)}`} hint="prompt + completion" />
        <Card label="Attempts" value={String(attempts.length)} hint={r.escalated ? "escalated" : r.hedged ? "hedged" : undefined} />
      </dl>
      <Panel title="Latency breakdown">
        <div role="img" aria-label="Latency breakdown chart (figures in the table below)" className="h-28">
          <CategoryBarChart data={breakdown.data} categoryKey="name" series={breakdown.series} valueFormatter={formatMs} layout="stacked-horizontal" />
        </div>
        <DataTable variant="plain" caption="Upstream attempts" className="mt-3" columns={["Part", "Outcome", { label: "Time", isNumeric: true }, { label: "Cost", isNumeric: true }, { label: "Confidence", isNumeric: true }]}>
          <Row part="Routing" outcome="decided" ms={r.latency.routingMs ?? 0} />
          {attempts.map((a, i) => (
            <Row key={i} part={attemptPart(a, i)} outcome={a.error ? `${OUTCOME_LABELS[a.outcome]}: ${a.error}` : OUTCOME_LABELS[a.outcome]} ms={a.ms} cost={a.costUsd} confidence={a.confidence} />
          ))}
          {(r.latency.escalationWaitMs ?? 0) > 0 && <Row part="Escalation wait (in the attempts above)" outcome="" ms={r.latency.escalationWaitMs!} />}
          <Row part="Gateway overhead" outcome="" ms={r.latency.overheadMs ?? 0} />
        </DataTable>
      </Panel>
      <Panel title="Decision trace">
        <RequestTrace decision={r.decision} />
      </Panel>
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Prompt">
          <Text label="Prompt" value={r.prompt} />
        </Panel>
        <Panel title="Answer">
          <Text label="Answer" value={r.response} />
        </Panel>
      </div>
      {r.shadowPairs.length > 0 && (
        <Panel title="Shadow evaluation">
          <ShadowPairs pairs={r.shadowPairs} served={r.response} />
        </Panel>
      )}
      <Panel title="Labels">
        {r.labels.length === 0 ? (
          <p className="text-sm text-slate-500">No reviewer has labeled this request yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {r.labels.map((l) => (
              <li key={l.id} className="flex flex-wrap items-center gap-2 py-2">
                <Badge tone={l.verdict === "correct" ? "green" : l.verdict === "should_be_cheaper" ? "amber" : "red"}>{VERDICTS[l.verdict]}</Badge>
                {l.correctTier && <span>→ {l.correctTier.name}</span>}
                <span className="text-slate-500">
                  {l.sample} sample · {l.reviewer?.email ?? "demo reviewer"} · {formatDateTime(l.createdAt)}
                </span>
                {l.note && <span className="text-slate-600">“{l.note}”</span>}
              </li>
            ))}
          </ul>
        )}
        {canLabel && r.labels.length === 0 && (
          <div className="mt-4 border-t border-slate-100 pt-4">
            {isLabelable(r) ? (
              <RequestLabelForm requestId={r.id} tier={r.tierName!} policyTiers={r.policyTiers} />
            ) : (
              <p className="text-sm text-slate-500">Only answered requests are labeled: not failed ones, bypasses (a tier named directly) or requests logged without their prompt.</p>
            )}
          </div>
        )}
      </Panel>
    </div>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 className="mb-3 text-sm font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

function Card({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="mt-1 text-xl font-semibold tabular-nums text-slate-900">{value}</dd>
      {hint && <dd className="text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}

function Row({ part, outcome, ms, cost, confidence }: { part: string; outcome: string; ms: number; cost?: number; confidence?: number }) {
  return (
    <tr>
      <td className="py-1.5 pr-3 text-slate-800">{part}</td>
      <td className="py-1.5 pr-3 text-slate-600">{outcome}</td>
      <td className="py-1.5 pr-3 text-right tabular-nums">{formatMs(ms)}</td>
      <td className="py-1.5 pr-3 text-right tabular-nums">{cost === undefined ? "" : formatUsd(cost)}</td>
      <td className="py-1.5 text-right tabular-nums">{confidence === undefined ? "" : formatPercent(confidence, 0)}</td>
    </tr>
  );
}

const NOTE = /^(?:(?:system|developer|user|assistant|tool): )?(\[(?:tool call|tool result|image)\b[^\]]*\])(.*)$/;

/** Stored text; the transcript's annotations (tool calls, tool results, images) set apart. */
function Text({ label, value, empty = "Not stored (the policy does not keep prompts and answers)." }: { label: string; value: string | null; empty?: string }) {
  if (value === null) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    // Focusable so a keyboard can scroll a long text (axe: scrollable-region-focusable).
    <pre tabIndex={0} aria-label={label} className="max-h-80 overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500">
      {value.split("\n").map((line, i) => {
        const note = NOTE.exec(line);
        if (!note) return <span key={i}>{`${line}\n`}</span>;
        const prefix = line.slice(0, line.length - note[1]!.length - note[2]!.length);
        return (
          <span key={i}>
            {prefix}
            <span className="rounded bg-violet-100 px-1 text-violet-800">{note[1]}</span>
            <span className="text-violet-900">{note[2]}</span>
            {"\n"}
          </span>
        );
      })}
    </pre>
  );
}
