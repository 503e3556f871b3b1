import { describe, expect, it } from "vitest";
import { REQUEST_LOG_COPY_COLUMNS, requestLogLine } from "./request-log-copy";
import { rollupFacts, sumRollups } from "./request-log-rollup";
import { latencyBucket, logBucket, OVERHEAD_LAYOUT, pScoreBin } from "./rollup-histograms";
import type { RequestLogInsert } from "./request-log-repo";

const at = new Date("2026-12-08T10:59:59.999Z");
const base: RequestLogInsert = { id: "x", stage: "classifier", status: "ok", decision: {}, latency: {} };

describe("rollupFacts", () => {
  it("takes the COPY line's defaults for missing values, and the given time when the row has none", () => {
    const f = rollupFacts(base, at);
    expect(f).toMatchObject({ bucket: Date.parse("2026-12-08T10:00:00Z"), policy: "", tier: "", isDemo: false, escalated: false, costUsd: 0, totalMs: 0, quality: null, pb: null, eb: null, apiKeyId: null, createdAt: at.getTime() });
    expect(rollupFacts({ ...base, createdAt: "2026-12-08T11:00:00.000Z" }, at).bucket).toBe(Date.parse("2026-12-08T11:00:00Z"));
  });

  it("reads every summed column as the row's COPY line writes it, given or left out", () => {
    const given: RequestLogInsert = { ...base, costUsd: 0.5, baselineCostUsd: 2, totalMs: 12.5, escalationWasteUsd: 0.1, hedgeWasteUsd: 0.2, exploreCostUsd: 0.3, quality: 0.7, isDemo: true, escalated: true, hedged: true, explored: true };
    for (const row of [base, given]) {
      const line = requestLogLine(row, at).slice(0, -1).split("\t");
      const copied = (name: string) => line[REQUEST_LOG_COPY_COLUMNS.indexOf(name)];
      const f = rollupFacts(row, at);
      for (const name of ["costUsd", "baselineCostUsd", "totalMs", "escalationWasteUsd", "hedgeWasteUsd", "exploreCostUsd"] as const) expect(String(f[name]), name).toBe(copied(name));
      expect(f.quality === null ? "\\N" : String(f.quality)).toBe(copied("quality"));
      for (const name of ["isDemo", "escalated", "hedged", "explored"] as const) expect(f[name] ? "t" : "f", name).toBe(copied(name));
    }
  });

  it("bins latency, the deciding probability, overhead and (only when escalated) the escalation wait", () => {
    const row = { ...base, totalMs: 412, scores: { p: [0.56, 0.1] }, overheadMs: 0.04, escalationWaitMs: 900 };
    expect(rollupFacts(row, at)).toMatchObject({ lb: latencyBucket(412), pb: pScoreBin(0.56), ob: logBucket(0.04, OVERHEAD_LAYOUT), eb: null });
    expect(rollupFacts({ ...row, escalated: true }, at).eb).toBe(latencyBucket(900));
    expect(rollupFacts({ ...row, scores: { p: ["0.5"] } }, at).pb).toBeNull();
  });
});

describe("sumRollups", () => {
  it("sums a batch per hour, policy, tier, stage, status and demo flag, and keeps each key's latest request", () => {
    const rows: RequestLogInsert[] = [
      { ...base, policyName: "default", tierName: "fast", apiKeyId: "k1", createdAt: new Date("2026-12-08T10:01:00Z"), costUsd: 0.25, totalMs: 100, quality: 0.5, escalated: true, escalationWaitMs: 50 },
      { ...base, policyName: "default", tierName: "fast", apiKeyId: "k1", createdAt: new Date("2026-12-08T10:02:00Z"), costUsd: 0.5, totalMs: 200, hedged: true, explored: true },
      { ...base, policyName: "default", tierName: "fast", apiKeyId: "k2", createdAt: new Date("2026-12-08T10:00:30Z"), status: "error", totalMs: 5 },
      { ...base, policyName: "default", tierName: "fast", apiKeyId: "k1", createdAt: new Date("2026-12-08T11:00:00Z"), isDemo: true, scores: { p: [0.99] } },
    ];
    const { rollups, keys } = sumRollups(rows.map((r) => rollupFacts(r, at)));
    expect(rollups).toHaveLength(3);
    const ok = rollups.find((r) => r.status === "ok" && !r.isDemo)!;
    expect(ok).toMatchObject({ bucket: "2026-12-08T10:00:00.000Z", requests: 2, escalations: 1, hedges: 1, explored: 1, costUsd: 0.75, totalMs: 300, qualitySum: 0.5, qualityN: 1 });
    expect(ok.latencyHist[latencyBucket(100)]).toBe(1);
    expect(ok.latencyHist.reduce((a, b) => a + b)).toBe(2);
    expect(ok.escalationWaitHist.reduce((a, b) => a + b)).toBe(1);
    expect(ok.pScoreHist.every((n) => n === 0)).toBe(true);
    expect(rollups.find((r) => r.isDemo)!.pScoreHist[pScoreBin(0.99)]).toBe(1);
    expect(keys.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: "k1", t: "2026-12-08T11:00:00.000Z" },
      { id: "k2", t: "2026-12-08T10:00:30.000Z" },
    ]);
  });
});
