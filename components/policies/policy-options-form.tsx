"use client";

import type { PolicyDetail } from "@/lib/config/policy-view";
import type { Draft } from "./policy-draft";
import { Group, NumberField, SelectField, TextAreaField, Toggle } from "./settings-fields";

type Props = {
  draft: Draft;
  errors: Record<string, string>;
  onChange: (draft: Draft) => void;
  /** The policy's tiers, cheapest first. */
  tiers: string[];
  catalog: PolicyDetail["catalog"];
};

/** 0.05 → "5%", NaN → "" (the box is empty or wrong; its error says so). */
function percent(share: number) {
  return Number.isFinite(share) ? `${Number((share * 100).toFixed(2))}%` : "";
}

/** A stored name that is no longer a choice stays selectable, so opening the page never changes it. */
function withStored(options: Array<{ value: string; label: string }>, stored: string) {
  return options.some((o) => o.value === stored) ? options : [...options, { value: stored, label: `${stored} (not a tier here)` }];
}

/** Exploration, shadow evaluation and the ledger's verdict: how this policy's routing gets measured. */
export function PolicyOptionsForm({ draft, errors, onChange, tiers, catalog }: Props) {
  const { explore, shadow, verdict } = draft;
  const setExplore = (next: Partial<Draft["explore"]>) => onChange({ ...draft, explore: { ...explore, ...next } });
  const setShadow = (next: Partial<Draft["shadow"]>) => onChange({ ...draft, shadow: { ...shadow, ...next } });
  const setVerdict = (next: Partial<Draft["verdict"]>) => onChange({ ...draft, verdict: { ...verdict, ...next } });
  const top = tiers.at(-1) ?? "none";
  const targets = withStored([{ value: "next", label: "The next tier up" }, ...tiers.map((t) => ({ value: t, label: t }))], shadow.target);
  const judges = withStored(
    [
      { value: "", label: "Most capable tier" },
      ...catalog.map((t) => ({ value: t.name, label: `${t.name}${tiers.includes(t.name) ? "" : " (not in this policy)"}${t.enabled ? "" : " (disabled)"}` })),
    ],
    shadow.judgeTier ?? "",
  );
  return (
    <section aria-label="Measuring the routing" className="space-y-3">
      <h2 className="text-sm font-semibold text-slate-900">Measuring the routing</h2>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Group title="Exploration" toggle={<Toggle label="Explore uncertain requests" checked={explore.enabled} onChange={(v) => setExplore({ enabled: v })} />}>
          <p className="text-xs text-slate-500">
            Explored requests go to an adjacent tier at random, so replay in the Lab can estimate what other tiers would have done. Their cost shows in the ledger.
          </p>
          <NumberField label="Rate (0–0.1)" step={0.01} min={0} max={0.1} value={explore.rate} disabled={!explore.enabled} error={errors["explore.rate"]} hint={`Share of uncertain requests explored; at most 0.1. Now ${percent(explore.rate)}.`} onChange={(v) => setExplore({ rate: v })} />
          <NumberField label="Uncertain above (0–1)" step={0.05} min={0} max={1} value={explore.uncertainAbove} disabled={!explore.enabled} error={errors["explore.uncertainAbove"]} hint="Decisions at least this uncertain may be explored." onChange={(v) => setExplore({ uncertainAbove: v })} />
        </Group>
        <Group title="Shadow evaluation" className="xl:col-span-2" toggle={<Toggle label="Shadow a sample of live requests" checked={shadow.enabled} onChange={(v) => setShadow({ enabled: v })} />}>
          <p className="text-xs text-slate-500">
            After the answer has gone to the client, a sample is sent to another tier too and the judge grades the pair. The client&apos;s answer is never delayed or changed; calls stop for the day at the cap.
          </p>
          <div className="grid gap-3 sm:grid-cols-2">
            <NumberField label="Rate (0–1)" step={0.01} min={0} max={1} value={shadow.rate} disabled={!shadow.enabled} error={errors["shadow.rate"]} hint={`Share of live requests shadowed. Now ${percent(shadow.rate)}.`} onChange={(v) => setShadow({ rate: v })} />
            <NumberField label="Daily cap (USD)" step={0.5} min={0} value={shadow.dailyUsdCap} disabled={!shadow.enabled} error={errors["shadow.dailyUsdCap"]} hint="Shadow and judge calls stop for the day (UTC) once they cost this much." onChange={(v) => setShadow({ dailyUsdCap: v })} />
            <SelectField label="Shadow tier" options={targets} value={shadow.target} disabled={!shadow.enabled} error={errors["shadow.target"]} hint="With “next”, answers of the most capable tier are not shadowed." onChange={(v) => setShadow({ target: v })} />
            <SelectField label="Judge tier" options={judges} value={shadow.judgeTier ?? ""} disabled={!shadow.enabled} error={errors["shadow.judgeTier"]} hint={`Grades each pair (by default the most capable tier, now ${top}); tool calls and JSON answers are compared exactly instead.`} onChange={(v) => setShadow({ judgeTier: v || null })} />
          </div>
          <TextAreaField label="Rubric" rows={3} maxLength={4000} value={shadow.rubric} disabled={!shadow.enabled} error={errors["shadow.rubric"]} hint="Follows the request and the two answers (A and B, in random order); the judge must answer A, B or TIE." onChange={(v) => setShadow({ rubric: v })} />
        </Group>
        <Group title="Ledger verdict">
          <p className="text-xs text-slate-500">When the ledger calls routing not worth it for this policy.</p>
          <NumberField label="Min net saving (%)" step={1} min={0} max={100} value={verdict.minSavingsPct} error={errors["verdict.minSavingsPct"]} hint="Saving less than this share of the always-most-capable cost: not worth it." onChange={(v) => setVerdict({ minSavingsPct: v })} />
          <NumberField label="Max waste share (0–1)" step={0.05} min={0} max={1} value={verdict.maxWasteShare} error={errors["verdict.maxWasteShare"]} hint="Escalation and hedge waste above this share of the gross saving: flagged." onChange={(v) => setVerdict({ maxWasteShare: v })} />
          <NumberField label="Escalation latency budget (ms)" step={100} min={0} value={verdict.escalationLatencyBudgetMs} error={errors["verdict.escalationLatencyBudgetMs"]} hint="Escalations adding more than this at p95: flagged." onChange={(v) => setVerdict({ escalationLatencyBudgetMs: v })} />
          <NumberField label="Dominant tier share (0–1)" step={0.05} min={0} max={1} value={verdict.dominantTierShare} error={errors["verdict.dominantTierShare"]} hint="One tier serving at least this share of requests: too little mix for routing to win." onChange={(v) => setVerdict({ dominantTierShare: v })} />
        </Group>
      </div>
    </section>
  );
}
