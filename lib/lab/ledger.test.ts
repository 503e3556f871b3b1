import { describe, expect, it } from "vitest";
import type { LedgerRow } from "../db/ledger-repo";
import { latencyBucket, logBucket, OVERHEAD_LAYOUT } from "../db/rollup-histograms";
import { verdictSchema } from "../routing/policy-options-schema";
import { computeLedger, type LedgerInput } from "./ledger";

const hist = (n: number, values: number[], bucket: (v: number) => number) => {
  const h = new Array<number>(n).fill(0);
  for (const v of values) h[bucket(v)]++;
  return h;
};

function row(tier: string, over: Partial<LedgerRow> = {}): LedgerRow {
  return {
    policy: "p", tier, requests: 100, errors: 0, escalations: 0, hedges: 0, explored: 0,
    costUsd: 1, baselineCostUsd: 2, escalationWasteUsd: 0, hedgeWasteUsd: 0, exploreCostUsd: 0, qualitySum: 95, qualityN: 100,
    overheadHist: hist(OVERHEAD_LAYOUT.buckets, Array(100).fill(0.5), (v) => logBucket(v, OVERHEAD_LAYOUT)),
    escalationWaitHist: hist(49, [], latencyBucket),
    ...over,
  };
}

const input = (rows: LedgerRow[], over: Partial<LedgerInput> = {}): LedgerInput => ({
  policy: "p",
  range: { from: new Date(0), to: new Date(86_400_000) },
  rows,
  thresholds: verdictSchema.parse({}),
  tierOrder: ["fast", "capable"],
  labels: { sample: 0, tooWeak: 0 },
  lambdaUsd: 0.001,
  ...over,
});

const failing = (l: ReturnType<typeof computeLedger>) => l.verdict.reasons.filter((r) => !r.ok).map((r) => r.check);

describe("computeLedger", () => {
  it("adds up cost, baseline and waste, and pays off on varied, cheaply served traffic", () => {
    const l = computeLedger(input([row("fast", { costUsd: 0.2, escalationWasteUsd: 0.05, hedgeWasteUsd: 0.01 }), row("capable", { costUsd: 2, baselineCostUsd: 2 })]));
    expect(l).toMatchObject({ requests: 200, baselineUsd: 4, actualUsd: 2.2, escalationWasteUsd: 0.05, hedgeWasteUsd: 0.01 });
    expect(l.netSavingsPct).toBeCloseTo(45, 6);
    expect(l.tierShares).toEqual([{ tier: "fast", requests: 100, share: 0.5 }, { tier: "capable", requests: 100, share: 0.5 }]);
    expect(l.routerOverheadMs.p50).toBeGreaterThan(0.45);
    expect(l.routerOverheadMs.p50).toBeLessThan(0.56);
    expect(l.quality.estimate).toBeCloseTo(0.95, 6);
    expect(l.verdict.worthIt).toBe(true);
  });

  it("says not worth it when one tier serves nearly everything", () => {
    const l = computeLedger(input([row("fast", { requests: 3 }), row("capable", { requests: 297 })]));
    expect(failing(l)).toContain("mix");
    expect(l.verdict.reasons.find((r) => r.check === "mix")!.text).toMatch(/capable\) serves 99\.0%/);
  });

  it("says not worth it under the product owner's savings threshold", () => {
    const l = computeLedger(input([row("fast", { costUsd: 1.9 }), row("capable", { costUsd: 2 })], { thresholds: verdictSchema.parse({ minSavingsPct: 10 }) }));
    expect(failing(l)).toEqual(["savings"]);
    expect(computeLedger(input([row("fast", { costUsd: 1.9 }), row("capable", { costUsd: 2 })], { thresholds: verdictSchema.parse({ minSavingsPct: 1 }) })).verdict.worthIt).toBe(true);
  });

  it("flags waste that eats most of the gross saving, and escalations over the latency budget", () => {
    const waits = hist(49, Array(10).fill(4000), latencyBucket);
    const l = computeLedger(input([row("fast", { costUsd: 1.5, escalationWasteUsd: 1.2, escalations: 10, escalationWaitHist: waits }), row("capable", { costUsd: 2 })], { thresholds: verdictSchema.parse({ minSavingsPct: 1 }) }));
    expect(failing(l)).toEqual(["waste", "latency"]);
    expect(l.escalationLatencyMs.p95).toBeGreaterThan(3500);
  });

  it("prices the quality loss from random-sample labels when there are enough, else from the classifier", () => {
    const rows = [row("fast", { costUsd: 1.5 }), row("capable", { costUsd: 2 })];
    const byClassifier = computeLedger(input(rows, { lambdaUsd: 0.1 }));
    expect(byClassifier.quality).toMatchObject({ lossBasis: "classifier" });
    expect(byClassifier.quality.expectedLossUsd).toBeCloseTo(10 * 0.1, 6);
    expect(failing(byClassifier)).toEqual(["quality"]);
    const byLabels = computeLedger(input(rows, { lambdaUsd: 0.1, labels: { sample: 40, tooWeak: 0 } }));
    expect(byLabels.quality).toMatchObject({ lossBasis: "labels", expectedLossUsd: 0, labeledTooWeakRate: 0 });
    expect(byLabels.verdict.worthIt).toBe(true);
  });

  it("judges nothing on too little traffic", () => {
    const l = computeLedger(input([row("fast", { requests: 10 })]));
    expect(l.verdict).toEqual({ worthIt: false, reasons: [expect.objectContaining({ check: "traffic" })] });
  });
});
