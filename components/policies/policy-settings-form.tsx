"use client";

import type { Draft } from "./policy-draft";
import { Group, NumberField, Toggle } from "./settings-fields";

type Props = { draft: Draft; errors: Record<string, string>; onChange: (draft: Draft) => void };

/** Fallback mode, escalation, hedging, speculative routing, the intent stage and prompt storage. */
export function PolicySettingsForm({ draft, errors, onChange }: Props) {
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => onChange({ ...draft, [key]: value });
  const { escalation: esc, hedging: hedge, speculative: spec, intent } = draft;
  const mapped = Object.keys(intent.map).length;
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
      <Group title="Fallback mode">
        <p className="text-xs text-slate-500">When the router is unsure or the classifier fails.</p>
        <div role="radiogroup" aria-label="Fallback mode" className="space-y-1.5">
          {(["quality-first", "cost-first"] as const).map((mode) => (
            <label key={mode} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="radio" name="fallback" value={mode} checked={draft.fallback === mode} onChange={() => set("fallback", mode)} />
              {mode === "quality-first" ? "Quality first (most capable healthy tier)" : "Cost first (cheapest tier)"}
            </label>
          ))}
        </div>
        <Toggle label="Store prompts in the request log" checked={draft.storePrompts} onChange={(v) => set("storePrompts", v)} />
      </Group>
      <Group title="Escalation" toggle={<Toggle label="Escalate low-confidence answers" checked={esc.enabled} onChange={(v) => set("escalation", { ...esc, enabled: v })} />}>
        <div className="flex gap-3">
          <NumberField label="Min confidence (0–1)" step={0.05} value={esc.minConfidence} disabled={!esc.enabled} error={errors["escalation.minConfidence"]} onChange={(v) => set("escalation", { ...esc, minConfidence: v })} />
          <NumberField label="Max steps" step={1} value={esc.maxSteps} disabled={!esc.enabled} error={errors["escalation.maxSteps"]} onChange={(v) => set("escalation", { ...esc, maxSteps: v })} />
        </div>
      </Group>
      <Group title="Hedging" toggle={<Toggle label="Hedge uncertain requests" checked={hedge.enabled} onChange={(v) => set("hedging", { ...hedge, enabled: v })} />}>
        <div className="flex flex-wrap gap-3">
          <NumberField label="Band from" step={0.05} value={hedge.band[0]} disabled={!hedge.enabled} error={errors["hedging.band.0"] ?? errors["hedging.band"]} onChange={(v) => set("hedging", { ...hedge, band: [v, hedge.band[1]] })} />
          <NumberField label="Band to" step={0.05} value={hedge.band[1]} disabled={!hedge.enabled} error={errors["hedging.band.1"]} onChange={(v) => set("hedging", { ...hedge, band: [hedge.band[0], v] })} />
          <NumberField label="Delay (ms)" step={100} value={hedge.delayMs} disabled={!hedge.enabled} error={errors["hedging.delayMs"]} onChange={(v) => set("hedging", { ...hedge, delayMs: v })} />
        </div>
      </Group>
      <Group title="Speculative routing" toggle={<Toggle label="Skip cheaper tiers when confident" checked={spec.enabled} onChange={(v) => set("speculative", { ...spec, enabled: v })} />}>
        <NumberField label="P(needs top tier) threshold" step={0.05} value={spec.threshold} disabled={!spec.enabled} error={errors["speculative.threshold"]} onChange={(v) => set("speculative", { ...spec, threshold: v })} />
      </Group>
      <Group title="Intent stage" toggle={<Toggle label="Route known intents by their map" checked={intent.enabled} onChange={(v) => set("intent", { ...intent, enabled: v })} />}>
        <p className="text-xs text-slate-500">
          {mapped} intent{mapped === 1 ? "" : "s"} or domains mapped to tiers (edit the map with <code>frontdesk config apply</code> or the API).
        </p>
        <NumberField label="Min confidence (0–1)" step={0.05} value={intent.minConfidence} disabled={!intent.enabled} error={errors["intent.minConfidence"]} onChange={(v) => set("intent", { ...intent, minConfidence: v })} />
        <div role="radiogroup" aria-label="Out of scope" className="space-y-1.5">
          {(["classifier", "fallback-mode"] as const).map((mode) => (
            <label key={mode} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="radio" name="intent-oos" value={mode} disabled={!intent.enabled} checked={intent.outOfScope === mode} onChange={() => set("intent", { ...intent, outOfScope: mode })} />
              {mode === "classifier" ? "Out of scope: let the classifier decide" : "Out of scope: use the fallback mode"}
            </label>
          ))}
        </div>
      </Group>
    </div>
  );
}
