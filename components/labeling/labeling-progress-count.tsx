import type { LabelingProgress } from "@/lib/labeling/labeling-progress";

/** "Labeled today 12 · 340 left in the queue", announced politely as it changes. */
export function LabelingProgressCount({ progress }: { progress: LabelingProgress | undefined }) {
  return (
    <dl aria-live="polite" className="flex items-baseline gap-4 text-sm text-slate-600">
      <div className="flex items-baseline gap-1.5">
        <dt>Labeled today by me</dt>
        <dd className="text-lg font-semibold tabular-nums text-slate-900" data-testid="labeled-today">
          {progress ? progress.labeledToday.toLocaleString("en-US") : "…"}
        </dd>
      </div>
      <div className="flex items-baseline gap-1.5">
        <dt>Left in the queue</dt>
        <dd className="text-lg font-semibold tabular-nums text-slate-900" data-testid="remaining">
          {progress ? `${progress.remaining.toLocaleString("en-US")}${progress.remainingIsLowerBound ? "+" : ""}` : "…"}
        </dd>
      </div>
    </dl>
  );
}
