/**
 * Hashed n-gram features: word uni/bi-grams (plus a start-of-text bigram) over the request's
 * text (earlier turns, then the last user turn's head and tail, whose words come from the
 * content scan so the text is read once) and character n-grams over the first `charWindow` characters of the last
 * user turn (whitespace runs folded), signed hashing into
 * 2^bits buckets, sublinear tf (1 + ln tf), each block L2-normalized; the dense content
 * features follow at index 2^bits. Digits are folded to "0" and ASCII letters lowercased.
 */
import { combineHash, FNV_SEED, fnvStep } from "./content-markers";
import { contentFeatureVector, CONTENT_FEATURE_NAMES, featuresFromScan } from "./content-features";
import { requestText } from "./request-text";
import { scanText, WordHashes } from "./scan-text";
import type { ClassifierInput } from "./types";
import { SparseBuilder, type SparseVector } from "./sparse-builder";

export type FeaturizerConfig = {
  /** 2^bits hashed buckets */
  bits: number;
  /** 1 = unigrams, 2 = unigrams + bigrams */
  wordNgrams: number;
  /** [min, max] character n-gram lengths, or null for none */
  charNgrams: [number, number] | null;
  /** characters (after whitespace folding) that character n-grams read */
  charWindow: number;
  /** append the content features (content-features.ts) */
  content: boolean;
};

export const DEFAULT_FEATURIZER: FeaturizerConfig = { bits: 16, wordNgrams: 2, charNgrams: [4, 5], charWindow: 300, content: true };

const BOS = 0x2545f491;

/** Folds a character: ASCII upper to lower, digits to "0", whitespace to space. */
export function fold(c: number): number {
  if (c >= 65 && c <= 90) return c | 32;
  if (c >= 48 && c <= 57) return 48;
  if (c === 10 || c === 9 || c === 13) return 32;
  return c;
}

export function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || c === 48 || c === 39 || c >= 128;
}

export function featureDimension(config: FeaturizerConfig): number {
  return (1 << config.bits) + (config.content ? CONTENT_FEATURE_NAMES.length : 0);
}

export class HashFeaturizer {
  private readonly builder: SparseBuilder;
  private readonly words = new WordHashes();

  constructor(readonly config: FeaturizerConfig) {
    this.builder = new SparseBuilder(config.bits);
  }

  get dimension(): number {
    return featureDimension(this.config);
  }

  /** The feature vector of a request (a fresh copy). */
  featurize(input: ClassifierInput): SparseVector {
    this.fill(input);
    return this.builder.toVector();
  }

  /** w_k . x + bias_k for each head, without copying the feature vector. */
  margins(input: ClassifierInput, weights: ReadonlyArray<Float32Array>, biases: readonly number[]): number[] {
    this.fill(input);
    return weights.map((w, k) => this.builder.dot(w) + biases[k]);
  }

  private fill(input: ClassifierInput): void {
    const b = this.builder;
    b.reset();
    const req = requestText(input);
    const words = this.words;
    words.length = 0;
    // each earlier turn on its own: the newline that would join them ends a word just as a turn's end does
    for (const turn of req.earlier) pushWordHashes(turn, words);
    const scan = scanText(req.lastUser, words);
    let prev = BOS;
    const bigrams = this.config.wordNgrams >= 2;
    for (let i = 0; i < words.length; i++) {
      const h = words.data[i];
      b.addHash(h);
      if (bigrams) b.addHash(combineHash(prev, h));
      prev = h;
    }
    b.flushBlock();
    if (this.config.charNgrams) {
      this.addChars(req.lastUser);
      b.flushBlock();
    }
    if (this.config.content) {
      const v = contentFeatureVector(featuresFromScan(req, scan));
      const base = 1 << this.config.bits;
      for (let i = 0; i < v.length; i++) if (v[i] !== 0) b.pushRaw(base + i, v[i]);
    }
  }

  private addChars(text: string): void {
    const [lo, hi] = this.config.charNgrams!;
    const b = this.builder;
    const ring = new Int32Array(8);
    let len = 1;
    ring[0] = 32;
    const limit = Math.min(text.length, this.config.charWindow);
    for (let i = 0; i < limit; i++) {
      const c = fold(text.charCodeAt(i));
      if (c === 32 && ring[(len - 1) & 7] === 32) continue;
      ring[len & 7] = c;
      len++;
      let h = FNV_SEED ^ 0x5bd1e995;
      for (let n = 1; n <= hi && n <= len; n++) {
        h = fnvStep(h, ring[(len - n) & 7]);
        if (n >= lo) b.addHash(h ^ n);
      }
    }
  }
}

/** Appends the hash of every word of `text` (folded as `fold`, split by `isWordChar`) to `out`. */
export function pushWordHashes(text: string, out: WordHashes): void {
  let h = FNV_SEED;
  let inWord = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? fold(text.charCodeAt(i)) : 32;
    if (isWordChar(c)) {
      if (!inWord) h = FNV_SEED;
      inWord = true;
      h = fnvStep(h, c);
    } else if (inWord) {
      inWord = false;
      out.push(h);
    }
  }
}
