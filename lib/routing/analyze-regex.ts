/**
 * Shape analysis over parse-regex's tree: the patterns that make backtracking engines blow up.
 * - nested loops: a repeated item inside a repeated group (star height > 1): (a+)+, (\d+,?)*
 * - ambiguous loops: a repeated alternation whose branches can match the same text: (a|a)*,
 *   (\w|\d)+, (a|aa)*, (a|)*
 * - adjacent overlaps (warning only): \d+\d+, .*.* — polynomial, not exponential.
 */
import { RE2JS } from "re2js";
import type { RegexAlt, RegexItem, RegexSeq } from "./parse-regex";

/** Characters probed to decide whether two single-character atoms can match the same input. */
const PROBES = [..."\t\n !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~", "é", "ß", "ж", "中", "٣", "\u00a0"];

/** Compile flags shared by the save-time check and the matcher. */
export function regexFlags(caseSensitive: boolean): number {
  return caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE;
}

function isLoop(item: RegexItem): boolean {
  return item.max > 1 && item.max > item.min;
}

function items(alt: RegexAlt): RegexItem[] {
  return alt.branches.flat();
}

/** The first loop that contains another loop, or null. */
export function findNestedLoop(alt: RegexAlt, insideLoop = false): RegexItem | null {
  for (const item of items(alt)) {
    if (isLoop(item) && insideLoop) return item;
    if (item.atom.kind !== "group") continue;
    const inner = findNestedLoop(item.atom.body, insideLoop || isLoop(item));
    if (inner) return insideLoop ? inner : item;
  }
  return null;
}

export function findAmbiguousLoop(alt: RegexAlt, caseSensitive: boolean): { item: RegexItem; why: string } | null {
  for (const item of items(alt)) {
    if (item.atom.kind !== "group") continue;
    const why = isLoop(item) ? ambiguity(item.atom.body.branches, caseSensitive) : null;
    if (why) return { item, why };
    const inner = findAmbiguousLoop(item.atom.body, caseSensitive);
    if (inner) return inner;
  }
  return null;
}

function ambiguity(branches: RegexSeq[], caseSensitive: boolean): string | null {
  if (branches.length < 2) return null;
  if (branches.some((b) => b.every((i) => i.min === 0 || i.atom.kind === "anchor"))) {
    return "one alternative can match the empty string";
  }
  for (let i = 0; i < branches.length; i++) {
    for (let j = i + 1; j < branches.length; j++) {
      const why = pairAmbiguity(branches[i], branches[j], caseSensitive);
      if (why) return why;
    }
  }
  return null;
}

function pairAmbiguity(a: RegexSeq, b: RegexSeq, caseSensitive: boolean): string | null {
  const la = literalOf(a, caseSensitive);
  const lb = literalOf(b, caseSensitive);
  if (la !== null && lb !== null) {
    if (la === lb) return `"${la}" appears twice`;
    const [short, long] = la.length <= lb.length ? [la, lb] : [lb, la];
    if (short && long === short.repeat(long.length / short.length)) return `"${long}" is "${short}" repeated`;
    return null;
  }
  const ca = singleChar(a);
  const cb = singleChar(b);
  if (ca && cb && overlaps(ca, cb, caseSensitive)) return `${ca} and ${cb} can match the same character`;
  return null;
}

function literalOf(seq: RegexSeq, caseSensitive: boolean): string | null {
  let text = "";
  for (const item of seq) {
    if (item.min !== 1 || item.max !== 1 || item.atom.kind !== "char" || item.atom.literal === undefined) return null;
    text += item.atom.literal;
  }
  return caseSensitive ? text : text.toLowerCase();
}

function singleChar(seq: RegexSeq): string | null {
  if (seq.length !== 1) return null;
  const [item] = seq;
  return item.min === 1 && item.max === 1 && item.atom.kind === "char" ? item.atom.source : null;
}

export function overlaps(sourceA: string, sourceB: string, caseSensitive: boolean): boolean {
  const flags = regexFlags(caseSensitive);
  const a = RE2JS.compile(sourceA, flags);
  const b = RE2JS.compile(sourceB, flags);
  return PROBES.some((ch) => a.testExact(ch) && b.testExact(ch));
}

/** Unbounded single-character repetitions directly following one that overlaps them. */
export function findAdjacentOverlaps(alt: RegexAlt, caseSensitive: boolean): RegexItem[] {
  const found: RegexItem[] = [];
  for (const branch of alt.branches) {
    for (let i = 1; i < branch.length; i++) {
      const [prev, item] = [branch[i - 1], branch[i]];
      const bothUnbounded = prev.max === Infinity && item.max === Infinity;
      if (bothUnbounded && prev.atom.kind === "char" && item.atom.kind === "char" &&
        overlaps(prev.atom.source, item.atom.source, caseSensitive)) found.push(item);
    }
    for (const item of branch) if (item.atom.kind === "group") found.push(...findAdjacentOverlaps(item.atom.body, caseSensitive));
  }
  return found;
}
