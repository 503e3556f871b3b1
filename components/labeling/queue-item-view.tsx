import type { ReactNode } from "react";
import { formatDateTime, formatMs, formatUsd } from "@/components/charts/format";
import { RequestTrace } from "@/components/requests/request-trace";
import { OUTCOME_LABELS } from "@/components/requests/prepare-request-detail";
import { Badge } from "@/components/ui/badge";
import type { AttemptOutcome } from "@/lib/routing/execution/attempt-record";
import type { QueueItem } from "@/lib/labeling/queue-item";

/** One request as a reviewer judges it: what was asked, who answered, what they said, and why. */
export function QueueItemView({ item }: { item: QueueItem }) {
  return (
    <article aria-label="Request under review" data-request-id={item.id} className="space-y-4">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {item.sample === "random" ? <Badge tone="blue">Random sample</Badge> : <Badge tone="amber">Uncertain first</Badge>}
        {item.isDemo && <Badge>Demo</Badge>}
        <span className="text-slate-600">
          Answered by <strong className="text-slate-900" data-testid="item-tier">{item.tier}</strong>
          {item.model && <span className="text-slate-500"> ({item.model})</span>}
          {item.policy && <> · policy <strong className="text-slate-900">{item.policy}</strong></>}
          {" · "}stage {item.stage}
          {item.uncertainty !== null && <> · uncertainty {item.uncertainty.toFixed(2)}</>}
        </span>
        <span className="ml-auto text-xs text-slate-500">
          {formatDateTime(item.createdAt)} · {formatMs(item.totalMs)} · {formatUsd(item.costUsd)}
        </span>
      </div>
      <Section title="Prompt">
        <pre className="max-h-72 overflow-auto whitespace-pre-wrap break-words font-sans text-sm text-slate-900" data-testid="item-prompt">
          {item.prompt}
        </pre>
      </Section>
      <Section title={`Answer from ${item.tier}`}>
        {item.response ? (
          <pre className="max-h-96 overflow-auto whitespace-pre-wrap break-words font-sans text-sm text-slate-900">{item.response}</pre>
        ) : (
          <p className="text-sm text-slate-500">No answer was stored for this request.</p>
        )}
      </Section>
      <Section title="Decision trace">
        {item.attempts.length > 0 && (
          <ol className="mb-4 flex flex-wrap gap-2 text-xs" aria-label="Attempts">
            {item.attempts.map((a, i) => (
              <li key={i} className="rounded-md bg-slate-50 px-2 py-1 ring-1 ring-slate-200">
                {i + 1}. <strong>{a.tier}</strong> {OUTCOME_LABELS[a.outcome as AttemptOutcome] ?? a.outcome} in {formatMs(a.ms)}
                {a.confidence !== undefined && <> · confidence {a.confidence.toFixed(2)}</>}
                {a.error && <> · {a.error}</>}
              </li>
            ))}
          </ol>
        )}
        <RequestTrace decision={{ ...item.decision, reason: item.decision.reason ?? item.reason, stage: item.decision.stage ?? item.stage }} />
      </Section>
    </article>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h2>
      {children}
    </section>
  );
}
