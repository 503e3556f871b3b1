/**
 * The rules stage. A rule matches when every condition it sets holds (category AND keywords AND
 * regex AND faq; any keyword or phrasing suffices). Rules are tried in the policy's order; the
 * first match whose tier is usable wins. Disabled rules are skipped silently; a rule whose tier
 * is unknown, disabled or not in the policy is skipped with a note for the trace.
 * Keywords and regexes read the same bounded slice of the message (the policy's regexInputChars,
 * head + tail), so neither stage's time grows with the size of a pasted document.
 */
import type { CompiledRule, CompiledRules } from "./compile-rules";
import { FAQ_MAX_CHARS, faqTokens, matchFaq } from "./match-faq";
import { boundedRegexInput, type RequestText } from "./request-text";

export type RuleHit = { rule: CompiledRule["rule"]; because: string };

type Lazy = { bounded?: string; regexHits?: readonly number[]; faqTokens?: Set<string> | null };

export function matchRules(
  compiled: CompiledRules,
  input: { category?: string; text: RequestText },
  isUsableTier: (tier: string) => boolean,
  notes: string[],
): RuleHit | null {
  const category = input.category?.trim().toLowerCase();
  const lazy: Lazy = {};
  for (const entry of compiled.rules) {
    if (!entry.rule.enabled) continue;
    if (entry.problem) {
      notes.push(`rule "${entry.rule.name}" skipped: ${entry.problem}`);
      continue;
    }
    const because = matchOne(entry, category, input.text, compiled, lazy);
    if (because === null) continue;
    if (!isUsableTier(entry.rule.tier)) {
      notes.push(`rule "${entry.rule.name}" matched but its tier "${entry.rule.tier}" is unknown, disabled or not in the policy`);
      continue;
    }
    return { rule: entry.rule, because };
  }
  return null;
}

/** A description of why the rule matched ("… and …"), or null. */
function matchOne(entry: CompiledRule, category: string | undefined, text: RequestText, compiled: CompiledRules, lazy: Lazy): string | null {
  let why = "";
  if (entry.category !== undefined) {
    if (entry.category !== category) return null;
    why = `category "${category}"`;
  }
  if (entry.keywords) {
    lazy.bounded ??= boundedRegexInput(text.latestUser, compiled.regexInputChars);
    const found = entry.keywords.exec(lazy.bounded);
    if (found === null) return null;
    why = and(why, `keyword "${found[0].toLowerCase().replace(/\s+/g, " ")}"`);
  }
  if (entry.faq) {
    lazy.faqTokens ??= text.latestUser.length <= FAQ_MAX_CHARS ? faqTokens(text.latestUser) : null;
    const hit = lazy.faqTokens && matchFaq(lazy.faqTokens, entry.faq, entry.rule.match.faqMinSimilarity);
    if (!hit) return null;
    why = and(why, `FAQ "${hit.text}" (similarity ${hit.similarity.toFixed(2)})`);
  }
  if (entry.regexSlot !== undefined) {
    lazy.bounded ??= boundedRegexInput(text.latestUser, compiled.regexInputChars);
    lazy.regexHits ??= compiled.regex?.match(lazy.bounded) ?? [];
    if (!lazy.regexHits.includes(entry.regexSlot)) return null;
    why = and(why, `regex /${entry.rule.match.regex}/`);
  }
  return why;
}

function and(so: string, more: string): string {
  return so ? `${so} and ${more}` : more;
}
