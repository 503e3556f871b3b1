"use client";

import { FilterSelect } from "@/components/ui/filter-select";
import type { PolicyOption } from "@/lib/db/policy-options-repo";

export const RANGES = { "24h": { label: "Last 24 hours", hours: 24 }, "7d": { label: "Last 7 days", hours: 168 }, "30d": { label: "Last 30 days", hours: 720 } } as const;
export type RangeKey = keyof typeof RANGES;

/** The window's start, rounded down to the hour so the queue's filters stay stable for a while. */
export function rangeStart(range: RangeKey, now: number): string {
  const from = now - RANGES[range].hours * 3_600_000;
  return new Date(from - (from % 3_600_000)).toISOString();
}

type Props = {
  policies: PolicyOption[];
  policy: string;
  tier: string;
  range: RangeKey;
  onChange: (next: { policy: string; tier: string; range: RangeKey }) => void;
};

/** Policy, tier and time-range filters of the queue. */
export function LabelingFilters({ policies, policy, tier, range, onChange }: Props) {
  const tiers = policy ? (policies.find((p) => p.name === policy)?.tiers ?? []) : [...new Set(policies.flatMap((p) => p.tiers))];
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Queue filters">
      <FilterSelect label="Policy" value={policy} onChange={(v) => onChange({ policy: v, tier: "", range })} options={policies.map((p) => p.name)} allLabel="All policies" width="w-44" />
      <FilterSelect label="Tier" value={tier} onChange={(v) => onChange({ policy, tier: v, range })} options={tiers} allLabel="All tiers" width="w-40" />
      <FilterSelect
        label="Time range"
        value={range}
        onChange={(v) => onChange({ policy, tier, range: v as RangeKey })}
        options={Object.entries(RANGES).map(([value, r]) => ({ value, label: r.label }))}
        width="w-40"
      />
    </div>
  );
}
