import { describe, expect, it } from "vitest";
import type { Drift } from "@/lib/monitoring/get-drift";
import { prepareLastStage, prepareMisroute, preparePsi, prepareScoreHistogram, prepareTierShares, worstWindow } from "./prepare-drift";

const W = { from: "2026-01-01T00:00:00.000Z", to: "2026-01-02T00:00:00.000Z" };
const misroute = (q: number | null, randomLabeled = 20) => ({
  labeled: 40,
  randomLabeled,
  quality: { rate: q, n: randomLabeled, window: W },
  cost: { rate: 0.2, n: randomLabeled, window: W },
  qualityAll: { rate: q, n: 40, window: W },
  costAll: { rate: 0.1, n: 40, window: W },
});
const drift = {
  tiers: ["fast", "capable"],
  windows: [
    { t: "2026-01-01T00:00:00Z", requests: 100, tierShares: { fast: 0.7, capable: 0.3 }, tierPsi: 0.01, scorePsi: 0.02, lastStageShare: 0.3, climbedShare: 0.05, misroute: misroute(0.1) },
    { t: "2026-01-02T00:00:00Z", requests: 0, tierShares: {}, tierPsi: null, scorePsi: null, lastStageShare: null, climbedShare: null, misroute: misroute(null) },
    { t: "2026-01-03T00:00:00Z", requests: 80, tierShares: { capable: 1 }, tierPsi: 0.9, scorePsi: 0.4, lastStageShare: 1, climbedShare: 0.1, misroute: misroute(0.4, 3) },
  ],
  baseline: { scoreShares: [0.5, 0.5, 0, 0] },
  current: { scoreShares: [0, 0.25, 0.25, 0.5] },
} as unknown as Drift;

describe("prepare-drift", () => {
  it("fills tier shares per window, null for empty windows, zero for tiers missing from a window", () => {
    const { data, series } = prepareTierShares(drift);
    expect(series.map((s) => s.key)).toEqual(["fast", "capable"]);
    expect(data).toEqual([
      { t: "2026-01-01T00:00:00Z", fast: 0.7, capable: 0.3 },
      { t: "2026-01-02T00:00:00Z", fast: null, capable: null },
      { t: "2026-01-03T00:00:00Z", fast: 0, capable: 1 },
    ]);
  });

  it("passes PSI, last-stage and misroute values through per window", () => {
    expect(preparePsi(drift).data.map((r) => r.tierPsi)).toEqual([0.01, null, 0.9]);
    expect(prepareLastStage(drift).data.map((r) => r.lastStageShare)).toEqual([0.3, null, 1]);
    expect(prepareLastStage(drift).data.map((r) => r.climbedShare)).toEqual([0.05, null, 0.1]);
  });

  it("draws a misroute point only with enough labels: a gap otherwise, its n kept for the tooltip", () => {
    const { data, series } = prepareMisroute(drift);
    expect(data.map((r) => r.randomQuality)).toEqual([0.1, null, null]); // the last window has 3 random labels
    expect(data.map((r) => r.quality)).toEqual([0.1, null, 0.4]); // …but 40 labels in all
    expect(data.map((r) => r.nRandom)).toEqual([20, 20, 3]);
    expect(series.find((s) => s.key === "randomCost")?.nKey).toBe("nRandom");
  });

  it("lines up the baseline and current p-score histograms bin by bin", () => {
    expect(prepareScoreHistogram(drift).data).toEqual([
      { bin: "0.00", baseline: 0.5, current: 0 },
      { bin: "0.25", baseline: 0.5, current: 0.25 },
      { bin: "0.50", baseline: 0, current: 0.25 },
      { bin: "0.75", baseline: 0, current: 0.5 },
    ]);
  });

  it("finds the window with the largest tier PSI", () => {
    expect(worstWindow(drift)).toEqual({ t: "2026-01-03T00:00:00Z", tierPsi: 0.9 });
  });
});
