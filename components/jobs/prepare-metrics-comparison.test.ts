import { describe, expect, it } from "vitest";
import { compareMetrics, dataFacts, evaluationSource, groupRows, METRIC_SPECS, summarizeComparison } from "./prepare-metrics-comparison";
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
    expect(rows.find((r) => r.key === "apgr")).toMatchObject({ candidate: "0.600", active: "0.600", delta: "±0", verdict: "same", group: "quality" });
    expect(rows.find((r) => r.key === "quality")).toMatchObject({ candidate: "70.0%", group: "quality" });
    expect(rows.find((r) => r.key === "cpt80")).toMatchObject({ candidate: "55.0%", active: "55.0%" });
  });

  it("judges each metric in its own direction: higher APGR and quality, lower costs and errors", () => {
    const candidate = metrics({ apgr: 0.7, quality: 0.65, cpt50: 0.2, ece: 0.08, costErrorRate: 0.15 });
    const rows = Object.fromEntries(compareMetrics(candidate, metrics({})).map((r) => [r.key, r]));
    expect(rows.apgr).toMatchObject({ verdict: "better", delta: "+0.100" });
    expect(rows.quality).toMatchObject({ verdict: "worse", delta: "−5.0 pp" });
    expect(rows.cpt50).toMatchObject({ verdict: "better", delta: "−10.0 pp" });
    expect(rows.ece).toMatchObject({ verdict: "worse", delta: "+0.030" });
    expect(rows.costErrorRate).toMatchObject({ verdict: "better", delta: "−5.0 pp" });
    // quality: APGR better, quality worse, errors even -> even; cost: CPT (one vote) and cost errors better -> better
    expect(summarizeComparison(Object.values(rows))).toBe("Better on 1 of 3 groups (cost); worse on calibration; even on quality.");
  });

  it("shows a dash and no verdict when a side never reached a value (NaN serialized as null)", () => {
    const rows = compareMetrics(metrics({ cpt95: null }), metrics({}));
    expect(rows.find((r) => r.key === "cpt95")).toMatchObject({ candidate: "—", active: "80.0%", delta: null, verdict: null });
    expect(summarizeComparison(rows)).toBe("Better on 0 of 3 groups; even on quality, cost and calibration.");
    expect(summarizeComparison([])).toBe("No metric could be compared.");
  });
});

describe("groupRows", () => {
  it("lets the three CPT points vote once inside the cost group", () => {
    // all three CPT points better, cost and cost errors worse: without families that would be 3 to 2 for "better"
    const candidate = metrics({ cpt50: 0.2, cpt80: 0.5, cpt95: 0.7, cost: 0.5, costErrorRate: 0.3 });
    const groups = groupRows(compareMetrics(candidate, metrics({})));
    expect(groups.map((g) => [g.group, g.verdict])).toEqual([
      ["quality", "same"],
      ["cost", "worse"],
      ["calibration", "same"],
    ]);
    expect(groups.find((g) => g.group === "cost")!.rows.map((r) => r.key)).toEqual(["cpt50", "cpt80", "cpt95", "cost", "costErrorRate"]);
  });

  it("names every group, each metric in exactly one, with a plain-words hint", () => {
    expect(new Set(METRIC_SPECS.map((s) => s.group))).toEqual(new Set(["quality", "cost", "calibration"]));
    for (const spec of METRIC_SPECS) expect(spec.hint.length).toBeGreaterThan(10);
    expect(summarizeComparison(compareMetrics(metrics({ apgr: 0.9, cpt50: 0.1, ece: 0.01 }), metrics({})))).toBe("Better on 3 of 3 groups (quality, cost and calibration).");
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

describe("evaluationSource", () => {
  const names: Record<string, string> = { a: "demo outcomes", b: "support log" };
  it("names the held-out set and the sources it was drawn from", () => {
    const summary = { payload: { datasets: ["a", "b"] }, sourceCounts: { dataset: 100, labels: 4, escalations: 0, shadow: 2, skipped: 0 } };
    expect(evaluationSource(1234, summary, (id) => names[id] ?? null)).toBe("held-out set of 1,234 rows from demo outcomes, support log, reviewer labels and shadow pairs");
  });
  it("counts datasets it cannot name and says nothing of sources it does not know", () => {
    expect(evaluationSource(10, { payload: { datasets: ["x", "y"] } }, () => null)).toBe("held-out set of 10 rows from 2 datasets");
    expect(evaluationSource(10, {}, () => null)).toBe("held-out set of 10 rows");
  });
});
