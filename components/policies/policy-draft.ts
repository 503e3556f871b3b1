/**
 * The policies page's editable settings: validated in the browser with the same policySchema
 * (and messages) as PATCH /api/admin/policies/:name, turned into a patch of what changed, and
 * described as "before → after" lines for the confirmation dialog and the history list.
 */
import type { PolicyPatch } from "@/lib/config/config-schemas";
import { fieldIssues, friendlyErrors, issuesByPath, type FieldIssue } from "@/lib/config/form-errors";
import type { PolicyDetail, PolicySettings } from "@/lib/config/policy-view";
import { policySchema, type PolicyConfig } from "@/lib/routing/config-schema";

export type Draft = PolicySettings;

export function draftFrom(policy: PolicyDetail["policy"]): Draft {
  return {
    description: policy.description ?? "",
    bias: policy.bias,
    fallback: policy.fallback,
    escalation: { ...policy.escalation },
    hedging: { ...policy.hedging, band: [...policy.hedging.band] as [number, number] },
    speculative: { ...policy.speculative },
    intent: { ...policy.intent, map: { ...policy.intent.map } },
    explore: { ...policy.explore },
    shadow: { ...policy.shadow },
    verdict: { ...policy.verdict },
    storePrompts: policy.storePrompts,
    expectedOutputTokens: policy.expectedOutputTokens,
    referencePromptTokens: policy.referencePromptTokens,
  };
}

/** The stored policy with the draft applied, validated: the config the projection should use. */
export function validateDraft(stored: PolicyDetail["policy"], draft: Draft): { ok: true; policy: PolicyConfig } | { ok: false; errors: Record<string, string> } {
  const parsed = policySchema.safeParse({ ...stored, ...draft, description: draft.description || undefined, rules: [] }, { error: friendlyErrors });
  return parsed.success ? { ok: true, policy: parsed.data } : { ok: false, errors: issuesByPath(fieldIssues(parsed.error)) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only the groups that changed (nested groups are sent whole; the server merges them anyway). */
export function patchFrom(saved: Draft, draft: Draft): PolicyPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(draft) as Array<keyof Draft>) if (!same(saved[key], draft[key])) patch[key] = draft[key];
  return patch as PolicyPatch;
}

export type Change = { field: string; before: string; after: string };

const LABELS: Record<string, string> = {
  bias: "Bias",
  fallback: "Fallback mode",
  "escalation.enabled": "Escalation",
  "escalation.minConfidence": "Escalation: min confidence",
  "escalation.maxSteps": "Escalation: max steps",
  "hedging.enabled": "Hedging",
  "hedging.band": "Hedging band",
  "hedging.delayMs": "Hedging delay (ms)",
  "speculative.enabled": "Speculative routing",
  "speculative.threshold": "Speculative threshold",
  "intent.enabled": "Intent stage",
  "intent.minConfidence": "Intent: min confidence",
  "intent.outOfScope": "Intent: out of scope",
  "explore.enabled": "Exploration",
  "explore.rate": "Exploration: rate",
  "explore.uncertainAbove": "Exploration: uncertain above",
  "shadow.enabled": "Shadow evaluation",
  "shadow.rate": "Shadow: rate",
  "shadow.dailyUsdCap": "Shadow: daily cap (USD)",
  "shadow.target": "Shadow: tier",
  "shadow.judgeTier": "Shadow: judge tier",
  "shadow.rubric": "Shadow: rubric",
  "verdict.minSavingsPct": "Verdict: min net saving (%)",
  "verdict.maxWasteShare": "Verdict: max waste share",
  "verdict.escalationLatencyBudgetMs": "Verdict: escalation latency budget (ms)",
  "verdict.dominantTierShare": "Verdict: dominant tier share",
  storePrompts: "Store prompts",
  rules: "Rules",
};

function flatten(value: unknown, prefix = "", out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out[prefix] = value;
  return out;
}

/** A rule as "name → tier" (with "off" when disabled), so moving or retargeting one shows up. */
function showNamed(v: unknown): string {
  const { name, tier, enabled } = v as { name: string; tier?: string; enabled?: boolean };
  return `${name}${tier ? ` → ${tier}` : ""}${enabled === false ? " (off)" : ""}`;
}

/** What null means where it means something (the judge: the policy's most capable tier). */
const NULL_MEANS: Record<string, string> = { "shadow.judgeTier": "most capable tier" };

function show(value: unknown, field = ""): string {
  if (value === undefined || value === null) return NULL_MEANS[field] ?? "—";
  if (typeof value === "boolean") return value ? "on" : "off";
  if (typeof value === "number") {
    // two decimals (0.50), unless they would hide digits (a rate of 0.005)
    const fixed = value.toFixed(2);
    return Number.isInteger(value) || Number(fixed) !== value ? String(Number(value.toPrecision(6))) : fixed;
  }
  if (typeof value === "string" && value.length > 60) return `${value.slice(0, 57)}…`;
  if (Array.isArray(value)) {
    if (value.every((v) => v && typeof v === "object" && "name" in v)) return value.length ? value.map(showNamed).join(", ") : "none";
    return `[${value.map((v) => show(v)).join(", ")}]`;
  }
  return String(value);
}

/** "before → after" per changed field, in plain words (works on audit entries too). */
export function describeChanges(before: unknown, after: unknown): Change[] {
  const a = flatten(before ?? {});
  const b = flatten(after ?? {});
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => !same(a[k], b[k])).map((k) => ({ field: labelOf(k), before: show(a[k], k), after: show(b[k], k) }));
}

/** A field path ("shadow.rate") in plain words. */
export function labelOf(path: string): string {
  return LABELS[path] ?? path;
}

function valueAt(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((v, key) => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), value);
}

/**
 * The server's refusal (a 400's field issues for the draft that was sent) by field path, for the
 * fields that still hold the value sent: an issue disappears once its field is edited.
 */
export function standingIssues(issues: readonly FieldIssue[], sent: Draft, draft: Draft): Record<string, string> {
  return issuesByPath(issues.filter((i) => same(valueAt(sent, i.path), valueAt(draft, i.path))));
}
