import { describe, expect, it } from "vitest";
import { prepareCurveComparison } from "./prepare-curve-comparison";

const line = (from: number, to: number) => Array.from({ length: 21 }, (_, i) => ({ cost: i / 20, quality: from + ((to - from) * i) / 20 }));

describe("prepareCurveComparison", () => {
  it("puts both curves on shared axes, the candidate solid and the active one dashed", () => {
    const view = prepareCurveComparison({ name: "default-2025", curve: line(0.5, 0.8), apgr: 0.71 }, { name: "shipped v1", curve: line(0.5, 0.8).map((p) => ({ ...p, quality: p.quality - 0.02 })), apgr: 0.5 });
    expect(view.series.map((s) => [s.key, s.name, s.dashed, s.points.length])).toEqual([
      ["active", "shipped v1", true, 21],
      ["candidate", "default-2025", false, 21],
    ]);
    expect(view.series[0]!.color).not.toBe(view.series[1]!.color);
    expect(view.xDomain).toEqual([0, 1]);
    // from zero, like the slider's chart: 0.48 … 0.8 is not stretched over the whole height
    expect(view.yDomain).toEqual([0, 1]);
    expect(view.summary).toBe("Quality against normalized cost on the held-out split: default-2025 (APGR 0.710) against shipped v1 (APGR 0.500).");
  });

  it("sorts by cost, drops unusable points and keeps the quality domain [0, 1]", () => {
    const view = prepareCurveComparison(
      { name: "c", curve: [{ cost: 1, quality: 1 }, { cost: 0, quality: 0 }, { cost: Number.NaN, quality: 0.5 }], apgr: null },
      { name: "a", curve: [], apgr: 0.5 },
    );
    expect(view.series[1]!.points).toEqual([{ cost: 0, quality: 0 }, { cost: 1, quality: 1 }]);
    expect(view.yDomain).toEqual([0, 1]);
    expect(view.summary).toContain("c (APGR n/a)");
  });

  it("says so when neither side has a curve", () => {
    const view = prepareCurveComparison({ name: "c", curve: [], apgr: null }, { name: "a", curve: [], apgr: null });
    expect(view.series.every((s) => s.points.length === 0)).toBe(true);
    expect(view.summary).toBe("No curve was recorded for this result.");
  });
});
