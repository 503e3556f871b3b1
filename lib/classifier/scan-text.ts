/**
 * One pass over a text: shape counts (words, lines, sentences, questions, list items, code
 * fences, code and math symbols) and marker-phrase counts, matched by hashing each lowercased
 * word and the two- and three-word phrases ending at it. No regex, no allocation per word.
 * Optionally hands every word's hash to the n-gram featurizer, so long prompts are read once.
 */
import { combineHash, FNV_SEED, fnvStep, MARKER_NAMES } from "./content-markers";
import { lookupMarkers, MARKER_TABLE } from "./marker-table";

export type TextScan = {
  chars: number;
  /** characters actually read (head and tail of long texts) */
  scannedChars: number;
  words: number;
  lines: number;
  sentences: number;
  questions: number;
  /** question marks on lines that start like list items */
  enumeratedQuestions: number;
  listItems: number;
  codeFences: number;
  codeSymbols: number;
  mathSymbols: number;
  /** LaTeX commands (\frac ...) and $ signs */
  latex: number;
  /** runs of two or more "!" */
  exclamationRuns: number;
  /** counts per marker, in MARKER_NAMES order */
  markers: Int32Array;
};

const SMALL_TALK = MARKER_NAMES.indexOf("smallTalk");

/** Collects the hash of every word (lowercased, digits folded to "0") for the n-gram features. */
export class WordHashes {
  data = new Int32Array(256);
  length = 0;

  push(h: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = h;
  }
}

/** Character classes for ASCII: 0 other, 1 word, 2 upper-case letter, 3 digit, 4 blank. */
const CLASS = new Uint8Array(128);
for (let c = 97; c <= 122; c++) CLASS[c] = 1;
for (let c = 65; c <= 90; c++) CLASS[c] = 2;
for (let c = 48; c <= 57; c++) CLASS[c] = 3;
CLASS[39] = 1;
CLASS[32] = 4;
CLASS[9] = 4;
CLASS[13] = 4;

function isListStart(text: string, i: number): boolean {
  let j = i;
  while (j < text.length && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  const c = text.charCodeAt(j);
  const next = text.charCodeAt(j + 1);
  if ((c === 45 || c === 42 || c === 8226) && next === 32) return true;
  if (c >= 48 && c <= 57) {
    let k = j;
    while (k < text.length && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
    const d = text.charCodeAt(k);
    return (d === 46 || d === 41) && k - j <= 3;
  }
  return ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) && next === 41;
}

function addMarkers(markers: Int32Array, bits: number): void {
  for (let b = 0; bits !== 0; b++, bits >>>= 1) if (bits & 1) markers[b]++;
}

function isGreeting(h: number): boolean {
  const g = MARKER_TABLE.greetings;
  for (let i = 0; i < g.length; i++) if (g[i] === h) return true;
  return false;
}

/** Punctuation and layout counts for one non-word character. */
function countPunct(s: TextScan, text: string, i: number, c: number, lineIsItem: boolean): void {
  const next = text.charCodeAt(i + 1);
  if (c === 63) {
    s.questions++;
    if (lineIsItem) s.enumeratedQuestions++;
  } else if (c === 33 && next === 33 && text.charCodeAt(i - 1) !== 33) s.exclamationRuns++;
  else if (c === 96 && next === 96 && text.charCodeAt(i + 2) === 96) s.codeFences++;
  else if (c === 36 || (c === 92 && next >= 97 && next <= 122)) s.latex++;
  if ((c === 46 || c === 33 || c === 63) && (next !== next || next === 32 || next === 10 || next === 9 || next === 13)) s.sentences++;
  if (c === 123 || c === 125 || c === 40 || c === 41 || c === 59 || c === 61 || c === 60 || c === 62 || c === 91 || c === 93 || c === 95) s.codeSymbols++;
  else if (c === 43 || c === 45 || c === 42 || c === 47 || c === 94 || c === 37) s.mathSymbols++;
}

/**
 * Long texts are read as their first HEAD and last TAIL characters (where the ask usually is),
 * as two ranges of the original string (no concatenation: a rope is slow to index).
 */
export const HEAD = 1600;
export const TAIL = 800;

/**
 * Scanner state between ranges, in an Int32Array so that 32-bit hashes are stored unboxed
 * (as object fields they would be heap numbers, one allocation per word).
 */
const PREV = 0;
const PAIR = 1;
const LINE_IS_ITEM = 2;

function endWord(s: TextScan, st: Int32Array, h: number, words: WordHashes | undefined): void {
  let bits = lookupMarkers(MARKER_TABLE, h);
  if (s.words > 0) bits |= lookupMarkers(MARKER_TABLE, combineHash(st[PREV], h));
  if (s.words > 1) bits |= lookupMarkers(MARKER_TABLE, combineHash(st[PAIR], h));
  if (bits !== 0) addMarkers(s.markers, bits);
  if (s.words === 0 && isGreeting(h)) s.markers[SMALL_TALK] = 1;
  if (words) words.push(h);
  st[PAIR] = combineHash(st[PREV], h);
  st[PREV] = h;
  s.words++;
}

function scanRange(s: TextScan, st: Int32Array, text: string, from: number, to: number, words: WordHashes | undefined): void {
  let h = FNV_SEED;
  let inWord = false;
  let digits = 0;
  for (let i = from; i < to; i++) {
    let c = text.charCodeAt(i);
    const cls = c < 128 ? CLASS[c] : 1;
    if (cls > 0 && cls < 4) {
      if (cls === 2) c |= 32;
      else if (cls === 3) {
        digits++;
        c = 48;
      }
      if (!inWord) {
        inWord = true;
        h = FNV_SEED;
      }
      h = fnvStep(h, c);
      continue;
    }
    if (inWord) {
      inWord = false;
      endWord(s, st, h, words);
    }
    if (c === 10) {
      s.lines++;
      if (st[LINE_IS_ITEM]) s.listItems++;
      st[LINE_IS_ITEM] = isListStart(text, i + 1) ? 1 : 0;
    } else if (cls !== 4) countPunct(s, text, i, c, st[LINE_IS_ITEM] === 1);
  }
  if (inWord) endWord(s, st, h, words);
  s.mathSymbols += digits;
}

export function scanText(text: string, words?: WordHashes): TextScan {
  const n = text.length;
  const s: TextScan = { chars: n, scannedChars: n, words: 0, lines: n > 0 ? 1 : 0, sentences: 0, questions: 0, enumeratedQuestions: 0, listItems: 0, codeFences: 0, codeSymbols: 0, mathSymbols: 0, latex: 0, exclamationRuns: 0, markers: new Int32Array(MARKER_NAMES.length) };
  const st = new Int32Array(3);
  st[LINE_IS_ITEM] = isListStart(text, 0) ? 1 : 0;
  if (n <= HEAD + TAIL) scanRange(s, st, text, 0, n, words);
  else {
    scanRange(s, st, text, 0, HEAD, words);
    s.lines++;
    if (st[LINE_IS_ITEM]) s.listItems++;
    st[LINE_IS_ITEM] = isListStart(text, n - TAIL) ? 1 : 0;
    scanRange(s, st, text, n - TAIL, n, words);
    s.scannedChars = HEAD + TAIL;
  }
  if (st[LINE_IS_ITEM] && n > 0) s.listItems++;
  if (s.words > 0 && s.sentences === 0) s.sentences = 1;
  return s;
}
