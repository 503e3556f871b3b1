/**
 * The rule editor's fields ↔ a RuleConfig, validated in the browser with lib/routing's
 * ruleSchema (so a bad or catastrophic regex shows checkRegex's message before any save) plus
 * the checks the server adds for a list: the tier must be one of the policy's, names unique.
 */
import { fieldIssues, friendlyErrors, issuesByPath } from "@/lib/config/form-errors";
import { canonicalJson } from "@/lib/routing/canonical-json";
import { ruleSchema, type RuleConfig } from "@/lib/routing/config-schema";

export type RuleFormValues = {
  name: string;
  tier: string;
  category: string;
  keywords: string;
  regex: string;
  caseSensitive: boolean;
  faq: string;
  faqMinSimilarity: string;
  enabled: boolean;
};

export type RuleFormErrors = Record<string, string>;

export function emptyRuleForm(tier: string): RuleFormValues {
  return { name: "", tier, category: "", keywords: "", regex: "", caseSensitive: false, faq: "", faqMinSimilarity: "0.7", enabled: true };
}

export function formFromRule(rule: RuleConfig): RuleFormValues {
  return {
    name: rule.name,
    tier: rule.tier,
    category: rule.match.category ?? "",
    keywords: (rule.match.keywords ?? []).join("\n"),
    regex: rule.match.regex ?? "",
    caseSensitive: rule.match.caseSensitive,
    faq: (rule.match.faq ?? []).join("\n"),
    faqMinSimilarity: String(rule.match.faqMinSimilarity),
    enabled: rule.enabled,
  };
}

function lines(text: string): string[] | undefined {
  const items = text.split("\n").map((s) => s.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

export function parseRuleForm(
  v: RuleFormValues,
  ctx: { policyTiers: readonly string[]; otherNames: readonly string[] },
): { ok: true; rule: RuleConfig } | { ok: false; errors: RuleFormErrors } {
  const similarity = v.faqMinSimilarity.trim() === "" ? undefined : Number(v.faqMinSimilarity);
  const input = {
    name: v.name,
    tier: v.tier,
    enabled: v.enabled,
    match: {
      ...(v.category.trim() ? { category: v.category.trim() } : {}),
      ...(lines(v.keywords) ? { keywords: lines(v.keywords) } : {}),
      ...(v.regex ? { regex: v.regex, caseSensitive: v.caseSensitive } : {}),
      ...(lines(v.faq) ? { faq: lines(v.faq), faqMinSimilarity: Number.isFinite(similarity) ? similarity : v.faqMinSimilarity } : {}),
    },
  };
  const parsed = ruleSchema.safeParse(input, { error: friendlyErrors });
  const errors: RuleFormErrors = parsed.success ? {} : issuesByPath(fieldIssues(parsed.error));
  if (!ctx.policyTiers.includes(v.tier)) errors.tier ??= `Choose one of this policy's tiers (${ctx.policyTiers.join(", ")}).`;
  if (ctx.otherNames.includes(v.name.trim())) errors.name ??= "Another rule of this policy has this name.";
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, rule: parsed.data };
}

/** One line for the list: what the rule looks at. */
export function matchSummary(rule: RuleConfig): string {
  const m = rule.match;
  const parts: string[] = [];
  if (m.category) parts.push(`category = ${m.category}`);
  if (m.keywords) parts.push(`keywords: ${m.keywords.slice(0, 4).join(", ")}${m.keywords.length > 4 ? ` +${m.keywords.length - 4}` : ""}`);
  if (m.regex) parts.push(`regex /${m.regex}/${m.caseSensitive ? "" : "i"}`);
  if (m.faq) parts.push(`${m.faq.length} FAQ phrasing${m.faq.length > 1 ? "s" : ""} (≥ ${m.faqMinSimilarity})`);
  return parts.join(" and ");
}

/** A copy of `list` with the item at `from` moved to `to` (both clamped). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item!);
  return out;
}

/** What a draft changes, rule by rule: "1 added, 2 changed, order changed" ("" when it equals the saved list). */
export function draftSummary(saved: readonly RuleConfig[], draft: readonly RuleConfig[]): string {
  const before = new Map(saved.map((r) => [r.name, canonicalJson(r)]));
  const after = new Set(draft.map((r) => r.name));
  const added = draft.filter((r) => !before.has(r.name)).length;
  const changed = draft.filter((r) => before.has(r.name) && before.get(r.name) !== canonicalJson(r)).length;
  const deleted = saved.filter((r) => !after.has(r.name)).length;
  const kept = (list: readonly RuleConfig[]) => list.map((r) => r.name).filter((n) => before.has(n) && after.has(n)).join("\n");
  const parts = [added && `${added} added`, changed && `${changed} changed`, deleted && `${deleted} deleted`, kept(saved) !== kept(draft) && "order changed"];
  return parts.filter(Boolean).join(", ");
}
