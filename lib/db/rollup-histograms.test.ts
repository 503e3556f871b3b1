import { describe, expect, it } from "vitest";
import { decidingProbability, LATENCY_BUCKETS, latencyBucket, latencyLowerEdge, pScoreBin } from "./rollup-histograms";

describe("latency buckets", () => {
  it("puts values on log-scale buckets, three per doubling from 5 ms", () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(4.99)).toBe(0);
    expect(latencyBucket(5)).toBe(1);
    expect(latencyBucket(6.2)).toBe(1); // 5·2^(1/3) ≈ 6.30
    expect(latencyBucket(6.4)).toBe(2);
    expect(latencyBucket(10)).toBe(4);
    expect(latencyBucket(1000)).toBe(Math.floor(3 * Math.log2(200)) + 1);
    expect(latencyBucket(10_000_000)).toBe(LATENCY_BUCKETS - 1);
    expect(latencyBucket(Number.NaN)).toBe(0);
  });

  it("has edges that contain their values", () => {
    for (const ms of [5, 7, 123, 999, 4321, 60_000]) {
      const i = latencyBucket(ms);
      expect(latencyLowerEdge(i)).toBeLessThanOrEqual(ms);
      expect(latencyLowerEdge(i + 1)).toBeGreaterThan(ms);
    }
  });
});

describe("p-score bins", () => {
  it("uses 20 bins of 0.05 and clamps the ends", () => {
    expect(pScoreBin(0)).toBe(0);
    expect(pScoreBin(0.049)).toBe(0);
    expect(pScoreBin(0.05)).toBe(1);
    expect(pScoreBin(0.5)).toBe(10);
    expect(pScoreBin(1)).toBe(19);
  });

  it("takes the deciding probability from logged scores", () => {
    expect(decidingProbability({ p: [0.3, 0.1] })).toBe(0.3);
    expect(decidingProbability(null)).toBeNull();
    expect(decidingProbability({ p: [] })).toBeNull();
  });
});
