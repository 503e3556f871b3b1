/**
 * Compiles a policy's rules once per config snapshot: keyword phrases normalized, FAQ phrasings
 * tokenized, and every regex rule folded into ONE re2js RE2Set so a request's text is scanned
 * once for all patterns, in linear time.
 */
import { RE2JS, RE2Set } from "re2js";
import type { PolicyConfig, RuleConfig } from "./config-schema";
import { faqTokens } from "./match-faq";

export type CompiledRule = {
  readonly rule: RuleConfig;
  readonly category?: string;
  /** The rule's keyword phrases as one case-insensitive, whole-word native RegExp. */
  readonly keywords?: RegExp;
  /** This rule's pattern index in the policy's regex matcher. */
  readonly regexSlot?: number;
  readonly faq?: ReadonlyArray<{ text: string; tokens: ReadonlySet<string> }>;
  /** Why the rule can never match (an invalid regex); it is skipped with a trace note. */
  readonly problem?: string;
};

/** `match`: the slots of the patterns found in `text`, ascending. */
export type RegexMatcher = { match(text: string): readonly number[] };

export type CompiledRules = {
  readonly rules: readonly CompiledRule[];
  readonly regex: RegexMatcher | null;
  readonly regexInputChars: number;
};

export function compileRules(policy: PolicyConfig, warnings: string[] = []): CompiledRules {
  const patterns: string[] = [];
  const rules = policy.rules.map((rule): CompiledRule => {
    const { category, keywords, regex, faq, caseSensitive } = rule.match;
    const compiled = {
      rule,
      category: category?.toLowerCase(),
      keywords: keywords && keywordPattern(keywords),
      faq: faq?.map((text) => ({ text, tokens: faqTokens(text) })),
    };
    if (regex === undefined) return compiled;
    const source = caseSensitive ? regex : `(?i)${regex}`;
    try {
      RE2JS.compile(source, 0); // case-insensitivity is inline: (?i)
    } catch (error) {
      const problem = `invalid regex: ${error instanceof Error ? error.message : String(error)}`;
      warnings.push(`policy "${policy.name}" rule "${rule.name}": ${problem}`);
      return { ...compiled, problem };
    }
    patterns.push(source);
    return { ...compiled, regexSlot: patterns.length - 1 };
  });
  return { rules, regex: buildMatcher(patterns), regexInputChars: policy.regexInputChars };
}

const WORD_EDGE = /^[\p{L}\p{N}_]/u;
const WORD_END = /[\p{L}\p{N}_]$/u;

/**
 * Keyword phrases → one native RegExp: escaped literals, any whitespace run between words,
 * word-boundary lookarounds where the phrase starts or ends with a word character. Built only
 * from literals (no nested or adjacent quantifiers), so V8's backtracking stays linear here.
 */
export function keywordPattern(phrases: readonly string[]): RegExp {
  const alternatives = phrases.map((phrase) => {
    const words = phrase.trim().split(/\s+/).map((w) => w.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&"));
    const start = WORD_EDGE.test(phrase.trim()) ? "(?<![\\p{L}\\p{N}_])" : "";
    const end = WORD_END.test(phrase.trim()) ? "(?![\\p{L}\\p{N}_])" : "";
    return `${start}${words.join("\\s+")}${end}`;
  });
  return new RegExp(alternatives.join("|"), "iu");
}

function buildMatcher(patterns: string[]): RegexMatcher | null {
  if (patterns.length === 0) return null;
  try {
    const set = new RE2Set(RE2Set.UNANCHORED, 0);
    for (const pattern of patterns) set.add(pattern);
    set.compile();
    return { match: (text) => set.match(text) };
  } catch {
    // The combined automaton exceeded RE2Set's memory budget: one regex per pattern instead.
    const each = patterns.map((pattern) => RE2JS.compile(pattern, 0));
    return {
      match: (text) => each.flatMap((re, i) => (re.test(text) ? [i] : [])),
    };
  }
}
