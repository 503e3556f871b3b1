import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64 } from "./base64";
import { decodeWeights, encodeWeights } from "./encode-weights";

describe("base64", () => {
  it("round-trips and matches the standard alphabet", () => {
    expect(encodeBase64(new TextEncoder().encode("Man"))).toBe("TWFu");
    expect(encodeBase64(new TextEncoder().encode("Ma"))).toBe("TWE=");
    expect(encodeBase64(new TextEncoder().encode("M"))).toBe("TQ==");
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) & 255);
    expect(Array.from(decodeBase64(encodeBase64(bytes)))).toEqual(Array.from(bytes));
    expect(() => decodeBase64("ab!c")).toThrow();
  });
});

describe("encodeWeights", () => {
  it("round-trips within int16 precision, drops zeros and keeps the largest", () => {
    const idx = [3, 70_000, 5, 200];
    const w = [0.5, -1.25, 0, 1e-9];
    const enc = encodeWeights(idx, w);
    expect(enc.count).toBe(2);
    const dense = decodeWeights(enc, 70_001);
    expect(dense[3]).toBeCloseTo(0.5, 4);
    expect(dense[70_000]).toBeCloseTo(-1.25, 4);
    expect(dense[5]).toBe(0);
    const top1 = decodeWeights(encodeWeights(idx, w, 1), 70_001);
    expect(top1[70_000]).toBeCloseTo(-1.25, 4);
    expect(top1[3]).toBe(0);
  });

  it("rejects out-of-range or truncated data", () => {
    const enc = encodeWeights([10], [1]);
    expect(() => decodeWeights(enc, 5)).toThrow(/out of range/);
    expect(() => decodeWeights({ ...enc, count: 2 }, 50)).toThrow();
  });
});
