/**
 * Known-FAQ matching: a message matches a FAQ phrasing when their token sets are similar enough
 * (Jaccard similarity after lowercasing, dropping filler words and light stemming). Only short
 * messages are compared: a long message is not "just the FAQ question".
 */

/** Messages longer than this are never treated as FAQ questions. */
export const FAQ_MAX_CHARS = 600;

const FILLER = new Set(
  ("a an the is are am was were be been do does did can could would will shall should may might " +
    "i me my we our you your it its to of for in on at by with and or please hi hello hey thanks " +
    "thank there this that any some just").split(" "),
);

function stem(word: string): string {
  if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

export function faqTokens(text: string): Set<string> {
  const tokens = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (word.length > 1 && !FILLER.has(word)) tokens.add(stem(word));
  }
  return tokens;
}

/** Jaccard similarity of two token sets: |A ∩ B| / |A ∪ B| (0 when both are empty). */
export function tokenSetSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  return shared / (a.size + b.size - shared);
}

/** The best-matching phrasing and its similarity, or null when none reaches `minSimilarity`. */
export function matchFaq(
  message: ReadonlySet<string>,
  phrasings: ReadonlyArray<{ text: string; tokens: ReadonlySet<string> }>,
  minSimilarity: number,
): { text: string; similarity: number } | null {
  let best: { text: string; similarity: number } | null = null;
  for (const phrasing of phrasings) {
    const similarity = tokenSetSimilarity(message, phrasing.tokens);
    if (similarity >= minSimilarity && (!best || similarity > best.similarity)) best = { text: phrasing.text, similarity };
  }
  return best;
}
