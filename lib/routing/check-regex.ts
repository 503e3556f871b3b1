/**
 * Save-time check of a rule's regex. Matching always runs on re2js (linear time, bounded input),
 * so nothing a user saves can hang the router; this check still refuses patterns whose shape
 * would backtrack catastrophically in ordinary engines, so the rules stay portable and users learn.
 */
import { RE2JS } from "re2js";
import { findAdjacentOverlaps, findAmbiguousLoop, findNestedLoop, regexFlags } from "./analyze-regex";
import { parseRegex } from "./parse-regex";

export const MAX_REGEX_LENGTH = 1000;

export type RegexProblem = "too-long" | "unsupported" | "syntax" | "catastrophic";

export type RegexCheck =
  | { ok: true; warnings: string[] }
  | { ok: false; problem: RegexProblem; message: string };

const UNSUPPORTED: Array<[RegExp, string]> = [
  [/\\[1-9]|\\k</, "backreferences (\\1, \\k<name>) are not supported: RE2 matches in linear time and cannot express them"],
  [/\(\?[=!]/, "lookahead ((?=...), (?!...)) is not supported by RE2; match the text itself, or use a second rule"],
  [/\(\?<[=!]/, "lookbehind ((?<=...), (?<!...)) is not supported by RE2; match the text itself, or use a second rule"],
  [/\(\?>/, "atomic groups ((?>...)) are not supported by RE2 (and not needed: it never backtracks)"],
  [/[*+?}][+]/, "possessive quantifiers (a*+, a++) are not supported by RE2 (and not needed: it never backtracks)"],
];

export function checkRegex(pattern: string, caseSensitive = false): RegexCheck {
  if (pattern.length > MAX_REGEX_LENGTH) {
    return fail("too-long", `pattern is ${pattern.length} characters; the limit is ${MAX_REGEX_LENGTH}`);
  }
  const shapeOnly = skeleton(pattern);
  for (const [shape, message] of UNSUPPORTED) {
    if (shape.test(shapeOnly)) return fail("unsupported", message);
  }
  try {
    RE2JS.compile(pattern, regexFlags(caseSensitive));
  } catch (error) {
    return fail("syntax", describeSyntaxError(error));
  }
  const tree = parseRegex(pattern);
  const nested = findNestedLoop(tree);
  if (nested) {
    const at = pattern.slice(nested.start, nested.end);
    return fail(
      "catastrophic",
      `nested quantifier in "${at}": a repeated group that itself contains a repetition ` +
        `(star height > 1, like (a+)+) backtracks exponentially in most regex engines; ` +
        `flatten it, e.g. [\\d,]+ instead of (\\d+,?)+`,
    );
  }
  const ambiguous = findAmbiguousLoop(tree, caseSensitive);
  if (ambiguous) {
    const at = pattern.slice(ambiguous.item.start, ambiguous.item.end);
    return fail(
      "catastrophic",
      `ambiguous alternation in repeated group "${at}": ${ambiguous.why}, so the text can be split ` +
        `in exponentially many ways (like (a|a)*); make the alternatives disjoint or use a character class`,
    );
  }
  const warnings = findAdjacentOverlaps(tree, caseSensitive).map(
    (item) => `"${pattern.slice(item.start, item.end)}" overlaps the repetition before it (polynomial backtracking in other engines)`,
  );
  return { ok: true, warnings };
}

function fail(problem: RegexProblem, message: string): RegexCheck {
  return { ok: false, problem, message };
}

/**
 * The pattern with escapes and character classes blanked out ("E", "C"), keeping backreference
 * escapes, so that an escaped backslash before "1", an escaped "+" or a class like `[(?=]` is
 * not mistaken for unsupported syntax.
 */
function skeleton(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      const next = pattern[i + 1] ?? "";
      out += /[1-9k]/.test(next) ? `\\${next}` : "E";
      i++;
    } else if (ch === "[") {
      i = classEnd(pattern, i);
      out += "C";
    } else out += ch;
  }
  return out;
}

function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === "^") i++;
  if (pattern[i] === "]") i++;
  while (i < pattern.length && pattern[i] !== "]") i += pattern[i] === "\\" ? 2 : 1;
  return i;
}

function describeSyntaxError(error: unknown): string {
  if (error && typeof error === "object" && "getDescription" in error) {
    const described = error as { getDescription(): string; getPattern(): string | null };
    const near = described.getPattern();
    return `invalid regex: ${described.getDescription()}${near ? ` near "${near}"` : ""}`;
  }
  return `invalid regex: ${error instanceof Error ? error.message : String(error)}`;
}
