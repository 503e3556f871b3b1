import { describe, expect, it } from "vitest";
import { LATENCY_BUCKETS, latencyBucket } from "../db/rollup-histograms";
import { addHistograms, latencyQuantile } from "./histograms";

describe("latency quantiles", () => {
  it("reads quantiles back within a bucket's width", () => {
    const hist = new Array(LATENCY_BUCKETS).fill(0);
    const values = Array.from({ length: 1000 }, (_, i) => 100 + i); // 100..1099 ms
    for (const v of values) hist[latencyBucket(v)]++;
    expect(latencyQuantile(hist, 0.5)!).toBeGreaterThan(600 * 0.88);
    expect(latencyQuantile(hist, 0.5)!).toBeLessThan(600 * 1.12);
    expect(latencyQuantile(hist, 0.95)!).toBeGreaterThan(1050 * 0.88);
    expect(latencyQuantile(hist, 0.95)!).toBeLessThan(1050 * 1.12);
    expect(latencyQuantile(new Array(LATENCY_BUCKETS).fill(0), 0.5)).toBeNull();
  });
});

describe("addHistograms", () => {
  it("adds element-wise, padding the shorter one", () => {
    expect(addHistograms([1, 2], [3, 4, 5])).toEqual([4, 6, 5]);
  });
});
