import { describe, expect, it } from "vitest";
import { compareMetrics, dataFacts, METRIC_SPECS, summarizeComparison } from "./prepare-metrics-comparison";
import type { ModelMetrics } from "./types";

function metrics(overrides: Partial<ModelMetrics>): ModelMetrics {
  return {
    id: "m",
    kind: "trained",
    apgr: 0.6,
    cpt50: 0.3,
    cpt80: 0.55,
    cpt95: 0.8,
    ece: 0.05,
    quality: 0.7,
    cost: 0.4,
    shares: [0.6, 0.4],
    qualityErrorRate: 0.1,
    costErrorRate: 0.2,
    curve: [],
    ...overrides,
  };
}

describe("compareMetrics", () => {
  it("gives one row per metric, in a fixed order, with both values formatted", () => {
    const rows = compareMetrics(metrics({}), metrics({ kind: "heuristic" }));
    expect(rows.map((r) => r.label)).toEqual(METRIC_SPECS.map((s) => s.label));
    expect(rows.find((r) => r.key === "apgr")).toMatchObject({ candidate: "0.600", active: "0.600", delta: "±0", verdict: "same" });
    expect(rows.find((r) => r.key === "cpt80")).toMatchObject({ candidate: "55.0%", active: "55.0%" });
  });

  it("judges each metric in its own direction: higher APGR and quality, lower costs and errors", () => {
    const candidate = metrics({ apgr: 0.7, quality: 0.65, cpt50: 0.2, ece: 0.08, costErrorRate: 0.15 });
    const rows = Object.fromEntries(compareMetrics(candidate, metrics({})).map((r) => [r.key, r]));
    expect(rows.apgr).toMatchObject({ verdict: "better", delta: "+0.100" });
    expect(rows.quality).toMatchObject({ verdict: "worse", delta: "−0.050" });
    expect(rows.cpt50).toMatchObject({ verdict: "better", delta: "−10.0 pp" });
    expect(rows.ece).toMatchObject({ verdict: "worse", delta: "+0.030" });
    expect(rows.costErrorRate).toMatchObject({ verdict: "better", delta: "−5.0 pp" });
    expect(summarizeComparison(Object.values(rows))).toBe("Better on 3 of 9 metrics, worse on 2.");
  });

  it("shows a dash and no verdict when a side never reached a value (NaN serialized as null)", () => {
    const rows = compareMetrics(metrics({ cpt95: null }), metrics({}));
    expect(rows.find((r) => r.key === "cpt95")).toMatchObject({ candidate: "—", active: "80.0%", delta: null, verdict: null });
    expect(summarizeComparison(rows)).toBe("Better on 0 of 8 metrics.");
    expect(summarizeComparison([])).toBe("No metric could be compared.");
  });
});

describe("dataFacts", () => {
  it("lists split sizes, sources and the classifier compared with", () => {
    const facts = dataFacts(
      { trainSize: 480, holdoutSize: 120, activeName: "shipped default-v1" },
      { skipped: 2, sourceCounts: { dataset: 1600, labels: 12, escalations: 0, shadow: 0, skipped: 3 } },
    );
    expect(facts).toEqual([
      { label: "Training rows", value: "480" },
      { label: "Held-out rows", value: "120" },
      { label: "From datasets", value: "1,600" },
      { label: "From reviewer labels", value: "12" },
      { label: "From escalations", value: "0" },
      { label: "From shadow pairs", value: "0" },
      { label: "Skipped rows", value: "5" },
      { label: "Compared with", value: "shipped default-v1" },
    ]);
    expect(dataFacts({ trainSize: 1, holdoutSize: 1, activeName: "built-in scorer" }, {}).map((f) => f.label)).toEqual(["Training rows", "Held-out rows", "Compared with"]);
  });
});
