"use client";

import { SelectInput } from "@/components/ui/field";
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
      <div className="w-44">
        <SelectInput aria-label="Policy" value={policy} onChange={(e) => onChange({ policy: e.target.value, tier: "", range })}>
          <option value="">All policies</option>
          {policies.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </SelectInput>
      </div>
      <div className="w-40">
        <SelectInput aria-label="Tier" value={tier} onChange={(e) => onChange({ policy, tier: e.target.value, range })}>
          <option value="">All tiers</option>
          {tiers.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </SelectInput>
      </div>
      <div className="w-40">
        <SelectInput aria-label="Time range" value={range} onChange={(e) => onChange({ policy, tier, range: e.target.value as RangeKey })}>
          {Object.entries(RANGES).map(([key, r]) => (
            <option key={key} value={key}>
              {r.label}
            </option>
          ))}
        </SelectInput>
      </div>
    </div>
  );
}
