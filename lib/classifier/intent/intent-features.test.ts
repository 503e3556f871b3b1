import { describe, expect, it } from "vitest";
import { boundedText, IntentFeaturizer } from "./intent-features";

describe("IntentFeaturizer", () => {
  const f = new IntentFeaturizer({ bits: 12, charNgrams: null, maxChars: 100 });

  it("folds case and digits, so equivalent texts share features", () => {
    const a = f.featurize("Card 12 arrived");
    const b = f.featurize("card 99 ARRIVED");
    expect(Array.from(a.idx)).toEqual(Array.from(b.idx));
    expect(Array.from(a.val)).toEqual(Array.from(b.val));
  });

  it("is L2-normalized per block and word order matters through bigrams", () => {
    const v = f.featurize("where is my card");
    expect(Math.hypot(...v.val)).toBeCloseTo(1, 6);
    expect(Array.from(f.featurize("card my is where").idx).sort()).not.toEqual(Array.from(v.idx).sort());
  });

  it("adds a character n-gram block when configured", () => {
    const chars = new IntentFeaturizer({ bits: 12, charNgrams: [3, 4], maxChars: 100 });
    expect(chars.featurize("hello there").idx.length).toBeGreaterThan(f.featurize("hello there").idx.length);
  });

  it("reads only the head and tail of long texts", () => {
    const long = `${"alpha ".repeat(100)}${"beta ".repeat(1000)}${"omega ".repeat(100)}`;
    const text = boundedText(long, 100);
    expect(text.length).toBeLessThanOrEqual(101);
    expect(text.startsWith("alpha")).toBe(true);
    expect(text.trimEnd().endsWith("omega")).toBe(true);
    expect(f.featurize(long)).toEqual(f.featurize(text));
  });
});
