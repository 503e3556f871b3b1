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
  words: 0.649,
  letters: 0.0408,
  upper: 0.147,
  longRunLetters: 0.382,
  digits: 0.241,
  digitRuns: 1.18,
  punct: 0.0441,
  punctRuns: 0.933,
  spaces: 0.181,
  newlines: 0.32,
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
  letters: number;
  upper: number;
  longRunLetters: number;
  digits: number;
  digitRuns: number;
  punct: number;
  punctRuns: number;
  spaces: number;
  newlines: number;
  nonAscii: number;
  asciiBytes: number;
  nonAsciiBytes: number;
};

export function countText(text: string): TextCounts {
  let words = 0, letters = 0, upper = 0, longRunLetters = 0, digits = 0, digitRuns = 0, punct = 0, punctRuns = 0, spaces = 0, newlines = 0;
  let nonAscii = 0, control = 0, nonAsciiBytes = 0;
  let run = 0;
  let prev = 0; // 1 letter, 2 digit, 3 punctuation, 0 other
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
      letters++;
      if (c <= 90) upper++;
      if (prev !== 1) {
        words++;
        run = 0;
      }
      if (++run > LONG_RUN) longRunLetters++;
      prev = 1;
    } else if (c >= 48 && c <= 57) {
      digits++;
      if (prev !== 2) digitRuns++;
      prev = 2;
    } else if (c === 32) {
      spaces++;
      prev = 0;
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
  const asciiBytes = letters + digits + punct + spaces + newlines + control;
  return { words, letters, upper, longRunLetters, digits, digitRuns, punct, punctRuns, spaces, newlines, nonAscii, asciiBytes, nonAsciiBytes };
}

/** The calibrated part of a text's estimate: its ASCII classes weighted by TOKEN_WEIGHTS. */
export function calibratedTokens(n: TextCounts): number {
  const w = TOKEN_WEIGHTS;
  return (
    w.words * n.words + w.letters * n.letters + w.upper * n.upper + w.longRunLetters * n.longRunLetters + w.digits * n.digits +
    w.digitRuns * n.digitRuns + w.punct * n.punct + w.punctRuns * n.punctRuns + w.spaces * n.spaces + w.newlines * n.newlines
  );
}

/** The prompt's token estimate and band: the texts' tokens plus the chat format's per-message overhead. */
export function estimatePromptTokens(texts: readonly string[]): TokenEstimate {
  let calibrated = 0, nonAscii = 0, asciiBytes = 0, nonAsciiBytes = 0;
  for (const text of texts) {
    const n = countText(text);
    calibrated += calibratedTokens(n);
    nonAscii += n.nonAscii;
    asciiBytes += n.asciiBytes;
    nonAsciiBytes += n.nonAsciiBytes;
  }
  const overhead = MESSAGE_OVERHEAD_TOKENS * texts.length;
  const tokens = Math.ceil(calibrated + nonAscii + overhead);
  const lo = Math.max(0, Math.floor(calibrated * (1 - TOKEN_BAND.below) - TOKEN_BAND.slack + nonAscii / 4 + overhead));
  const hi = Math.ceil(Math.min(asciiBytes, calibrated * (1 + TOKEN_BAND.above) + TOKEN_BAND.slack) + nonAsciiBytes + overhead);
  return { tokens, lo: Math.min(lo, tokens), hi: Math.max(hi, tokens) };
}
