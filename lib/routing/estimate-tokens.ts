/**
 * Token estimates without a tokenizer.
 *
 * `estimateTokens(chars)` — characters / 4 — is for callers that only know a length (an answer's
 * characters when an upstream reports no usage, an embeddings input's budget).
 *
 * `estimatePromptTokens(texts)` is the engine's estimate of a prompt: one pass over the text
 * counting what byte-level BPE tokenizers (cl100k_base, o200k_base) charge for — words, letters,
 * upper case and long letter runs, digit runs, punctuation runs, spaces, line breaks — weighted
 * by coefficients fitted on the repository's routing prompts (scripts/calibrate-token-estimate.ts
 * prints them and how well they hold on prompts they were not fitted on). It returns a band
 * [lo, hi] the real count of either encoding falls in for ≥ 99.5% of those prompts (tested in
 * estimate-tokens.test.ts): the engine uses the estimate where any count inside the band gives
 * the same outcome, and asks the gateway's real tokenizer where it does not (decide.ts,
 * classify-and-choose.ts). Characters outside ASCII are not calibrated (the data holds few):
 * each counts one token in the estimate and anywhere from a quarter to its UTF-8 bytes in the band.
 */
export const CHARS_PER_TOKEN = 4;

export function estimateTokens(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/** Fitted by scripts/calibrate-token-estimate.ts (least squares, relative error, both encodings' mean). */
export const TOKEN_WEIGHTS = {
  words: 0.562,
  humps: 0.291,
  letters: 0.0338,
  upper: 0.121,
  longRunLetters: 0.417,
  digits: 0.168,
  digitRuns: 1.32,
  punct: 0.0802,
  punctRuns: 0.838,
  spaces: 0.311,
  spaceRuns: -0.249,
  newlines: 0.383,
} as const;

/** The band around the calibrated (ASCII) part: relative and absolute slack. */
export const TOKEN_BAND = { below: 0.1, above: 0.1, slack: 12 } as const;

/** Tokens the chat format adds per message (role markers). */
export const MESSAGE_OVERHEAD_TOKENS = 4;

export type TokenEstimate = {
  /** The point estimate. */
  tokens: number;
  /** The real count of a byte-level BPE tokenizer lies in [lo, hi] (hi never exceeds the UTF-8 bytes). */
  lo: number;
  hi: number;
};

const LONG_RUN = 10;

/** What one pass over a text counts (ASCII classes; characters outside ASCII and their UTF-8 bytes). */
export type TextCounts = {
  words: number;
  /** Lower → upper case inside a word (camelCase identifiers). */
  humps: number;
  letters: number;
  upper: number;
  longRunLetters: number;
  digits: number;
  digitRuns: number;
  punct: number;
  punctRuns: number;
  spaces: number;
  /** Spaces that follow a space (indentation, alignment: a tokenizer merges a run into one or two tokens). */
  spaceRuns: number;
  newlines: number;
  nonAscii: number;
  asciiBytes: number;
  nonAsciiBytes: number;
};

const ZERO: TextCounts = { words: 0, humps: 0, letters: 0, upper: 0, longRunLetters: 0, digits: 0, digitRuns: 0, punct: 0, punctRuns: 0, spaces: 0, spaceRuns: 0, newlines: 0, nonAscii: 0, asciiBytes: 0, nonAsciiBytes: 0 };

/** What a character continues: 1 letter, 2 digit, 3 punctuation, 4 space, 0 other. */
function runClass(c: number): number {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return 1;
  if (c >= 48 && c <= 57) return 2;
  if (c === 32) return 4;
  return c > 32 && c < 127 ? 3 : 0;
}

/** Counts `text` from `from` to `to` (a block of a sample continues the run the character before it started). */
export function countText(text: string, from = 0, to = text.length): TextCounts {
  return countInto({ ...ZERO }, text, from, to);
}

/** countText, added into `total` (no object per block of a sample). */
function countInto(total: TextCounts, text: string, from: number, to: number): TextCounts {
  let words = 0, humps = 0, letters = 0, upper = 0, longRunLetters = 0, digits = 0, digitRuns = 0, punct = 0, punctRuns = 0, spaces = 0, spaceRuns = 0, newlines = 0;
  let nonAscii = 0, control = 0, nonAsciiBytes = 0;
  let run = 0;
  let lower = false;
  let prev = from > 0 ? runClass(text.charCodeAt(from - 1)) : 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
      letters++;
      if (prev !== 1) {
        words++;
        run = 0;
      } else if (c <= 90 && lower) {
        humps++; // camelCase: a tokenizer splits the word here
        run = 0;
      }
      if (c <= 90) {
        upper++;
        lower = false;
      } else lower = true;
      if (++run > LONG_RUN) longRunLetters++;
      prev = 1;
    } else if (c >= 48 && c <= 57) {
      digits++;
      if (prev !== 2) digitRuns++;
      prev = 2;
    } else if (c === 32) {
      spaces++;
      if (prev === 4) spaceRuns++;
      prev = 4;
    } else if (c === 10) {
      newlines++;
      prev = 0;
    } else if (c > 32 && c < 127) {
      punct++;
      if (prev !== 3) punctRuns++;
      prev = 3;
    } else {
      prev = 0;
      if (c < 128) control++; // tabs, carriage returns: part of a neighbouring token
      else {
        nonAscii++;
        if (c >= 0xd800 && c < 0xdc00) {
          nonAsciiBytes += 4; // a surrogate pair: one 4-byte character
          i++;
        } else nonAsciiBytes += c < 0x800 ? 2 : 3;
      }
    }
  }
  total.words += words;
  total.humps += humps;
  total.letters += letters;
  total.upper += upper;
  total.longRunLetters += longRunLetters;
  total.digits += digits;
  total.digitRuns += digitRuns;
  total.punct += punct;
  total.punctRuns += punctRuns;
  total.spaces += spaces;
  total.spaceRuns += spaceRuns;
  total.newlines += newlines;
  total.nonAscii += nonAscii;
  total.asciiBytes += letters + digits + punct + spaces + newlines + control;
  total.nonAsciiBytes += nonAsciiBytes;
  return total;
}

/** The calibrated part of a text's estimate: its ASCII classes weighted by TOKEN_WEIGHTS. */
export function calibratedTokens(n: TextCounts): number {
  const w = TOKEN_WEIGHTS;
  return (
    w.words * n.words + w.humps * n.humps + w.letters * n.letters + w.upper * n.upper + w.longRunLetters * n.longRunLetters + w.digits * n.digits +
    w.digitRuns * n.digitRuns + w.punct * n.punct + w.punctRuns * n.punctRuns + w.spaces * n.spaces + w.spaceRuns * n.spaceRuns + w.newlines * n.newlines
  );
}

/**
 * Prompts of more than `above` characters are estimated from `blocks` evenly spaced blocks of
 * `blockChars` characters (the texts read as one stream), so the estimate costs the same for a
 * 2,000-token prompt as for an agent's 100,000-token context; the band widens by `band` for what
 * the sample may miss, and where that wider band matters the full pass (`estimateFullPromptTokens`)
 * settles it (settle-prompt-tokens.ts).
 */
export const TOKEN_SAMPLE = { above: 4_096, blocks: 32, blockChars: 64, band: 0.12 } as const;

/**
 * The band widens by CODE_BAND × the text's share of punctuation, digits, indentation and camelCase
 * humps (each hump counting CAMEL_BAND): code, JSON and identifier lists vary more than prose —
 * dense identifier lists (`type BetaComputerScrollInput, …`) run up to ~30% over the estimate.
 */
export const CODE_BAND = 0.4;
const CAMEL_BAND = 6;

export type PromptTokenEstimate = TokenEstimate & {
  /** Estimated from a sample of the text (its band is wider); the full pass refines it. */
  sampled: boolean;
};


/** The prompt's token estimate and band: the texts' tokens plus the chat format's per-message overhead. */
export function estimatePromptTokens(texts: readonly string[]): PromptTokenEstimate {
  let chars = 0;
  for (const text of texts) chars += text.length;
  if (chars <= TOKEN_SAMPLE.above) return estimateFullPromptTokens(texts);
  const { blocks, blockChars } = TOKEN_SAMPLE;
  const total = { ...ZERO };
  let sampledChars = 0;
  let t = 0, base = 0; // the text holding the block, and where it starts in the stream
  for (let j = 0; j < blocks; j++) {
    const at = Math.min(Math.max(0, Math.floor(((j + 0.5) * chars) / blocks - blockChars / 2)), chars - blockChars);
    while (at >= base + texts[t]!.length) base += texts[t++]!.length;
    const text = texts[t]!;
    const from = at - base;
    const to = Math.min(text.length, from + blockChars);
    countInto(total, text, from, to);
    sampledChars += to - from;
  }
  return band(total, chars / sampledChars, texts.length, TOKEN_SAMPLE.band, chars);
}

/** The estimate from one pass over every character (the sampled estimate's refinement). */
export function estimateFullPromptTokens(texts: readonly string[]): PromptTokenEstimate {
  const total = { ...ZERO };
  let chars = 0;
  for (const text of texts) {
    countInto(total, text, 0, text.length);
    chars += text.length;
  }
  return band(total, 1, texts.length, 0, chars);
}

function band(n: TextCounts, scale: number, messages: number, widen: number, chars: number): PromptTokenEstimate {
  const sampled = widen > 0;
  const calibrated = calibratedTokens(n) * scale;
  const nonAscii = n.nonAscii * scale;
  const code = n.asciiBytes > 0 ? (n.punct + n.digits + n.spaceRuns + CAMEL_BAND * n.humps) / n.asciiBytes : 0;
  const relative = CODE_BAND * code + widen;
  const overhead = MESSAGE_OVERHEAD_TOKENS * messages;
  const tokens = Math.ceil(calibrated + nonAscii + overhead);
  const lo = Math.max(0, Math.floor(calibrated * (1 - TOKEN_BAND.below - relative) - TOKEN_BAND.slack + nonAscii / 4 + overhead));
  const upper = calibrated * (1 + TOKEN_BAND.above + relative) + TOKEN_BAND.slack;
  // a token holds at least one UTF-8 byte: a full pass knows the bytes; a sample bounds them by 3 per UTF-16 unit
  const hi = Math.ceil(sampled ? Math.min(3 * chars, upper + n.nonAsciiBytes * scale * (1 + widen)) : Math.min(n.asciiBytes, upper) + n.nonAsciiBytes) + overhead;
  return { tokens, lo: Math.min(lo, tokens), hi: Math.max(hi, tokens), sampled };
}
