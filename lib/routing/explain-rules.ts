/**
 * Why each rule of a policy matched or missed a request — the test bench's per-rule answer.
 * Every rule is checked (not just up to the first match) and every condition it sets gets its
 * own result, read from the same compiled rules and the same bounded text as matchRules, so the
 * explanation cannot disagree with the decision: the first rule whose outcome is "matched" is
 * the one matchRules picks.
 */
import type { CompiledRule, CompiledRules } from "./compile-rules";
import { FAQ_MAX_CHARS, faqTokens, matchFaq } from "./match-faq";
import { boundedRegexInput, type RequestText } from "./request-text";

export type ConditionKind = "category" | "keywords" | "regex" | "faq";
export type ConditionResult = { kind: ConditionKind; isMet: boolean; detail: string };
export type RuleOutcome =
  /** The first rule that matched with a usable tier: it decides. */
  | "matched"
  /** Matched, but a rule earlier in the list decided first. */
  | "shadowed"
  | "missed"
  | "disabled"
  /** Can never match (an invalid regex). */
  | "broken"
  /** Matched, but its tier is unknown, disabled or not in the policy. */
  | "tier-unusable";
export type RuleExplanation = { rule: string; tier: string; outcome: RuleOutcome; summary: string; conditions: ConditionResult[] };

const quote = (items: readonly string[], max = 3) => `${items.slice(0, max).map((k) => `'${k}'`).join(", ")}${items.length > max ? ` (+${items.length - max})` : ""}`;

function conditionsOf(entry: CompiledRule, category: string | undefined, text: RequestText, compiled: CompiledRules, regexHits: () => readonly number[], bounded: () => string): ConditionResult[] {
  const m = entry.rule.match;
  const out: ConditionResult[] = [];
  if (entry.category !== undefined) {
    const isMet = entry.category === category;
    out.push({ kind: "category", isMet, detail: isMet ? `category is '${m.category}'` : category ? `category '${category}' is not '${m.category}'` : `no category given (needs '${m.category}')` });
  }
  if (entry.keywords) {
    const found = entry.keywords.exec(bounded());
    const keywords = m.keywords ?? [];
    out.push({
      kind: "keywords",
      isMet: found !== null,
      detail: found ? `keyword '${found[0].toLowerCase().replace(/\s+/g, " ")}' found` : `${keywords.length === 1 ? "keyword" : "none of the keywords"} ${quote(keywords)} not in the prompt`,
    });
  }
  if (entry.faq) {
    const tokens = text.latestUser.length <= FAQ_MAX_CHARS ? faqTokens(text.latestUser) : null;
    const hit = tokens && matchFaq(tokens, entry.faq, m.faqMinSimilarity);
    const detail = !tokens
      ? `prompt is ${text.latestUser.length} characters, longer than the ${FAQ_MAX_CHARS} a FAQ question may be`
      : hit
        ? `similar to FAQ '${hit.text}' (${hit.similarity.toFixed(2)} ≥ ${m.faqMinSimilarity})`
        : `no FAQ phrasing reaches similarity ${m.faqMinSimilarity}${bestSimilarity(tokens, entry)}`;
    out.push({ kind: "faq", isMet: !!hit, detail });
  }
  if (entry.regexSlot !== undefined) {
    const isMet = regexHits().includes(entry.regexSlot);
    out.push({ kind: "regex", isMet, detail: `regex /${m.regex}/${m.caseSensitive ? "" : "i"} ${isMet ? "matches" : "does not match"}${compiled.regexInputChars < text.latestUser.length ? " (head and tail of a long prompt)" : ""}` });
  }
  return out;
}

function bestSimilarity(tokens: Set<string>, entry: CompiledRule): string {
  const best = matchFaq(tokens, entry.faq!, 0);
  return best ? ` (closest: '${best.text}', ${best.similarity.toFixed(2)})` : "";
}

export function explainRules(compiled: CompiledRules, input: { category?: string; text: RequestText }, isUsableTier: (tier: string) => boolean): RuleExplanation[] {
  const category = input.category?.trim().toLowerCase();
  let boundedText: string | undefined;
  let hits: readonly number[] | undefined;
  const bounded = () => (boundedText ??= boundRegex(input.text, compiled));
  const regexHits = () => (hits ??= compiled.regex?.match(bounded()) ?? []);
  let decided = false;
  return compiled.rules.map((entry): RuleExplanation => {
    const { name, tier, enabled } = entry.rule;
    const base = { rule: name, tier };
    if (!enabled) return { ...base, outcome: "disabled", summary: "disabled", conditions: [] };
    if (entry.problem) return { ...base, outcome: "broken", summary: entry.problem, conditions: [] };
    const conditions = conditionsOf(entry, category, input.text, compiled, regexHits, bounded);
    const failed = conditions.filter((c) => !c.isMet);
    if (failed.length) return { ...base, outcome: "missed", summary: failed.map((c) => c.detail).join("; "), conditions };
    if (!isUsableTier(tier)) return { ...base, outcome: "tier-unusable", summary: `matched, but tier '${tier}' is unknown, disabled or not in the policy`, conditions };
    if (decided) return { ...base, outcome: "shadowed", summary: "matched, but an earlier rule decided first", conditions };
    decided = true;
    return { ...base, outcome: "matched", summary: conditions.map((c) => c.detail).join("; "), conditions };
  });
}

function boundRegex(text: RequestText, compiled: CompiledRules): string {
  return boundedRegexInput(text.latestUser, compiled.regexInputChars);
}
