import { formatMs } from "@/components/charts/format";
import { OUTCOME_LABELS } from "@/components/requests/prepare-request-detail";
import { RequestTrace } from "@/components/requests/request-trace";
import type { QueueItem } from "@/lib/labeling/queue-item";
import type { AttemptOutcome } from "@/lib/routing/execution/attempt-record";
import { ItemSection as Section } from "./item-section";

/**
 * Why the request under review went where it did. A panel of its own so that on a phone it
 * comes after the verdict buttons (the prompt and answer come before them).
 */
export function QueueItemTrace({ item }: { item: QueueItem }) {
  return (
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
  );
}
