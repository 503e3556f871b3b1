import { describe, expect, it } from "vitest";
import { CONTENT_FEATURE_NAMES } from "./content-features";
import { DEFAULT_FEATURIZER, featureDimension, HashFeaturizer } from "./hash-features";

const ask = (content: string) => ({ messages: [{ role: "user" as const, content }] });

function blockNorms(v: { idx: Int32Array; val: Float32Array }, base: number): number {
  let s = 0;
  for (let i = 0; i < v.idx.length; i++) if (v.idx[i] < base) s += v.val[i] * v.val[i];
  return s;
}

describe("HashFeaturizer", () => {
  const f = new HashFeaturizer(DEFAULT_FEATURIZER);
  const base = 1 << DEFAULT_FEATURIZER.bits;

  it("is deterministic, case-insensitive and folds digits", () => {
    const a = f.featurize(ask("Explain the 2019 Budget, please."));
    const b = f.featurize(ask("explain the 3020 budget, PLEASE."));
    expect(Array.from(a.idx)).toEqual(Array.from(b.idx));
    expect(Array.from(a.val)).toEqual(Array.from(b.val));
    expect(Array.from(f.featurize(ask("Explain the 2019 Budget, please.")).val)).toEqual(Array.from(a.val));
  });

  it("L2-normalizes the word block and the character block (two blocks: squared norm 2)", () => {
    const v = f.featurize(ask("The quick brown fox jumps over the lazy dog. Why?"));
    expect(blockNorms(v, base)).toBeCloseTo(2, 4);
    const words = new HashFeaturizer({ ...DEFAULT_FEATURIZER, charNgrams: null, content: false }).featurize(ask("a b c a b"));
    expect(blockNorms(words, base)).toBeCloseTo(1, 5);
    // unigrams a, b, c and bigrams (BOS a) (a b) (b c) (c a) (a b): tf 2 for a, b and "a b"
    expect(words.idx.length).toBeLessThanOrEqual(7);
  });

  it("appends the content features after the hashed buckets", () => {
    const v = f.featurize(ask("Prove it step by step?"));
    const dense = Array.from(v.idx).filter((i) => i >= base);
    expect(dense.length).toBeGreaterThan(3);
    expect(Math.max(...dense)).toBeLessThan(featureDimension(DEFAULT_FEATURIZER));
    expect(featureDimension(DEFAULT_FEATURIZER)).toBe(base + CONTENT_FEATURE_NAMES.length);
  });

  it("reads earlier turns too and computes margins without copying", () => {
    const one = f.featurize(ask("and why?"));
    const multi = f.featurize({ messages: [{ role: "user", content: "tell me about rust" }, { role: "assistant", content: "..." }, { role: "user", content: "and why?" }] });
    expect(multi.idx.length).toBeGreaterThan(one.idx.length);
    const w = new Float32Array(featureDimension(DEFAULT_FEATURIZER)).fill(0.5);
    const expected = Array.from(multi.val).reduce((s, x) => s + 0.5 * x, 0) + 1;
    const [z] = f.margins({ messages: [{ role: "user", content: "tell me about rust" }, { role: "assistant", content: "..." }, { role: "user", content: "and why?" }] }, [w], [1]);
    expect(z).toBeCloseTo(expected, 4);
  });

  it("handles empty and very long input", () => {
    expect(f.featurize({ messages: [] }).idx.length).toBeGreaterThanOrEqual(0);
    const long = f.featurize(ask("word ".repeat(50_000)));
    expect(long.idx.length).toBeGreaterThan(0);
  });
});
