/**
 * Hashed features for the intent model: word uni+bigrams (with a start-of-text bigram) and
 * optional character n-grams, signed hashing into 2^bits buckets, sublinear tf, each block
 * L2-normalized (the same hashing, folding and SparseBuilder as hash-features.ts). Only the
 * first `maxChars` characters are read (head and tail of longer texts), so the cost of a
 * prediction is bounded whatever the prompt's length.
 */
import { combineHash, FNV_SEED, fnvStep } from "../content-markers";
import { fold, pushWordHashes } from "../hash-features";
import { WordHashes } from "../scan-text";
import { SparseBuilder, type SparseVector } from "../sparse-builder";

export type IntentFeaturizerConfig = {
  /** 2^bits hashed buckets (shared by words and character n-grams) */
  bits: number;
  /** [min, max] character n-gram lengths, or null for words only */
  charNgrams: [number, number] | null;
  /** characters read: the whole text when shorter, else 2/3 head + 1/3 tail */
  maxChars: number;
};

export const DEFAULT_INTENT_FEATURIZER: IntentFeaturizerConfig = { bits: 14, charNgrams: null, maxChars: 600 };

const BOS = 0x2545f491;
const CHAR_SEED = FNV_SEED ^ 0x5bd1e995;

/** The bounded slice of `text` the features read. */
export function boundedText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const head = Math.ceil((maxChars * 2) / 3);
  return `${text.slice(0, head)}\n${text.slice(text.length - (maxChars - head))}`;
}

export class IntentFeaturizer {
  private readonly builder: SparseBuilder;
  private readonly ring = new Int32Array(8);
  private readonly words = new WordHashes();

  constructor(readonly config: IntentFeaturizerConfig) {
    this.builder = new SparseBuilder(config.bits);
  }

  get dimension(): number {
    return 1 << this.config.bits;
  }

  /** A fresh copy of the feature vector of `text`. */
  featurize(text: string): SparseVector {
    this.fill(text);
    return this.builder.toVector();
  }

  /** The feature entries of `text` without copying (valid until the next call). */
  entries(text: string): { idx: Int32Array; val: Float32Array; count: number } {
    this.fill(text);
    return this.builder.view();
  }

  private fill(raw: string): void {
    const text = boundedText(raw, this.config.maxChars);
    const b = this.builder;
    b.reset();
    const words = this.words;
    words.length = 0;
    pushWordHashes(text, words);
    let prev = BOS;
    for (let i = 0; i < words.length; i++) {
      const h = words.data[i]!;
      b.addHash(h);
      b.addHash(combineHash(prev, h));
      prev = h;
    }
    b.flushBlock();
    if (this.config.charNgrams) {
      this.addChars(text, this.config.charNgrams);
      b.flushBlock();
    }
  }

  private addChars(text: string, [lo, hi]: [number, number]): void {
    const b = this.builder;
    const ring = this.ring;
    let len = 1;
    ring[0] = 32;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? fold(text.charCodeAt(i)) : 32;
      if (c === 32 && ring[(len - 1) & 7] === 32) continue;
      ring[len & 7] = c;
      len++;
      let h = CHAR_SEED;
      for (let n = 1; n <= hi && n <= len; n++) {
        h = fnvStep(h, ring[(len - n) & 7]);
        if (n >= lo) b.addHash(h ^ n);
      }
    }
  }
}
