import { formatDateTime, formatMs, formatUsd } from "@/components/charts/format";
import { Badge } from "@/components/ui/badge";
import type { QueueItem } from "@/lib/labeling/queue-item";
import { ItemSection as Section } from "./item-section";

/** One request as a reviewer judges it: what was asked, who answered and what they said (the why is QueueItemTrace). */
export function QueueItemView({ item }: { item: QueueItem }) {
  return (
    <article aria-label="Request under review" data-request-id={item.id} className="space-y-4">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {item.sample === "random" ? <Badge tone="blue">Random sample</Badge> : <Badge tone="amber">Uncertain first</Badge>}
        {item.isDemo && <Badge>Demo</Badge>}
        {item.identicalIds.length > 0 && <Badge tone="slate">{`${item.identicalIds.length + 1} identical requests`}</Badge>}
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
        <pre tabIndex={0} aria-label="Prompt" className="max-h-72 overflow-auto whitespace-pre-wrap break-words font-sans text-sm text-slate-900" data-testid="item-prompt">
          {item.prompt}
        </pre>
      </Section>
      <Section title={`Answer from ${item.tier}`}>
        {item.response ? (
          <pre tabIndex={0} aria-label="Answer" className="max-h-96 overflow-auto whitespace-pre-wrap break-words font-sans text-sm text-slate-900">{item.response}</pre>
        ) : (
          <p className="text-sm text-slate-500">No answer was stored for this request.</p>
        )}
      </Section>
    </article>
  );
}
