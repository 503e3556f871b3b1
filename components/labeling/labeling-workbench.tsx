"use client";

import { useMemo, useState } from "react";
import { usePolicyOptions } from "@/components/policy-options/use-policy-options";
import { LabelingFilters, rangeStart, type RangeKey } from "./labeling-filters";
import { LabelingProgressCount } from "./labeling-progress-count";
import { LabelingSession } from "./labeling-session";
import { useLabelingProgress, type QueueQuery } from "./use-labeling-progress";

function localMidnight(now: number): string {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}

/** The labeling page: filters and progress on top, then the queue for those filters. */
export function LabelingWorkbench() {
  const [now] = useState(() => Date.now());
  const [f, setF] = useState<{ policy: string; tier: string; range: RangeKey }>({ policy: "", tier: "", range: "7d" });
  const policies = usePolicyOptions();
  const filters = useMemo<QueueQuery>(() => ({ policy: f.policy || undefined, tier: f.tier || undefined, from: rangeStart(f.range, now) }), [f, now]);
  const progress = useLabelingProgress(filters, localMidnight(now));

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <LabelingFilters policies={policies.data ?? []} policy={f.policy} tier={f.tier} range={f.range} onChange={setF} />
        <LabelingProgressCount progress={progress.data} />
      </div>
      <LabelingSession key={JSON.stringify(filters)} filters={filters} lastUndoable={progress.data?.lastLabel ?? null} />
    </section>
  );
}
