import { afterAll, describe, expect, it } from "vitest";
import { pgPool } from "../db/pg-pool";
import { insertRequestLogs, type RequestLogInsert } from "../db/request-log-repo";
import { rebuildRollups } from "../db/rollup-repo";
import { latencyBucket, logBucket, OVERHEAD_LAYOUT, pScoreBin } from "../db/rollup-histograms";
import { createRng } from "../providers/simulated-random";
import { demoId } from "../demo/demo-schedule";

// A time range of its own (in the past, so newest-first lists of other test files never see it).
const FROM = Date.parse("2001-03-01T00:00:00Z");
const TIERS = ["fast", "balanced", "capable"];
const STAGES = ["classifier", "escalation", "fallback", "rule"];

function rows(n: number, seed: number, isDemo = false): RequestLogInsert[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const at = FROM + Math.floor(rng() * 6 * 3_600_000);
    const scored = rng() < 0.7;
    return {
      id: demoId(at, rng),
      createdAt: new Date(at),
      policyName: rng() < 0.8 ? "default" : "three-tier",
      tierName: TIERS[Math.floor(rng() * 3)]!,
      stage: STAGES[Math.floor(rng() * 4)]!,
      status: rng() < 0.05 ? "error" : "ok",
      escalated: rng() < 0.2,
      hedged: rng() < 0.05,
      decision: {},
      latency: {},
      scores: scored ? { p: [rng(), rng()] } : undefined,
      // Some latencies sit exactly on bucket edges (5·2^k ms): JS and SQL must agree there too.
      totalMs: rng() < 0.2 ? 5 * 2 ** Math.floor(rng() * 12) : 50 * Math.exp(rng() * 5),
      costUsd: rng() / 1000,
      baselineCostUsd: rng() / 100,
      escalationWasteUsd: rng() < 0.2 ? rng() / 5000 : 0,
      hedgeWasteUsd: rng() < 0.05 ? rng() / 5000 : 0,
      explored: rng() < 0.03,
      exploreCostUsd: rng() < 0.03 ? (rng() - 0.5) / 1000 : 0,
      quality: scored ? rng() : null,
      // the router's sub-ms overhead, some exactly on its layout's edges (0.02·2^k ms)
      overheadMs: rng() < 0.2 ? 0.02 * 2 ** Math.floor(rng() * 10) : rng() * 3,
      escalationWaitMs: 100 + rng() * 3000,
      isDemo,
    } satisfies RequestLogInsert;
  });
}

type Sums = { costUsd: number; baselineCostUsd: number; totalMs: number; escalationWasteUsd: number; hedgeWasteUsd: number; exploreCostUsd: number; qualitySum: number };
type Rollup = Sums & { bucket: Date; policy: string; tier: string; stage: string; status: string; isDemo: boolean; requests: number; escalations: number; hedges: number; explored: number; qualityN: number; latencyHist: number[]; pScoreHist: number[]; overheadHist: number[]; escalationWaitHist: number[] };
const SUMS: Array<keyof Sums> = ["costUsd", "baselineCostUsd", "totalMs", "escalationWasteUsd", "hedgeWasteUsd", "exploreCostUsd", "qualitySum"];

async function readRollups(): Promise<Rollup[]> {
  const { rows } = await pgPool().query<Rollup>(
    `SELECT * FROM "RequestRollup" WHERE bucket >= $1 AND bucket < $2 ORDER BY bucket, policy, tier, stage, status, "isDemo"`,
    [new Date(FROM), new Date(FROM + 86_400_000)],
  );
  return rows;
}

/** The same aggregation as a plain GROUP BY over the raw rows (histograms bucketed in JS). */
async function groupByRaw() {
  const { rows } = await pgPool().query(
    `SELECT date_bin('1 hour', "createdAt", TIMESTAMPTZ '2000-01-01Z') AS bucket, coalesce("policyName", '') AS policy, coalesce("tierName", '') AS tier, stage, status, "isDemo",
            count(*)::int AS requests, (count(*) FILTER (WHERE escalated))::int AS escalations, (count(*) FILTER (WHERE hedged))::int AS hedges,
            sum("costUsd") AS "costUsd", sum("baselineCostUsd") AS "baselineCostUsd", sum("totalMs") AS "totalMs",
            array_agg("totalMs") AS ms, array_agg(("scores"->'p'->>0)::float8) AS ps,
            sum("escalationWasteUsd") AS "escalationWasteUsd", sum("hedgeWasteUsd") AS "hedgeWasteUsd", (count(*) FILTER (WHERE explored))::int AS explored,
            sum("exploreCostUsd") AS "exploreCostUsd", coalesce(sum(quality), 0) AS "qualitySum", count(quality)::int AS "qualityN",
            array_agg("overheadMs") AS om, array_agg(CASE WHEN escalated THEN "escalationWaitMs" END) AS ew
     FROM "RequestLog" WHERE "createdAt" >= $1 AND "createdAt" < $2 GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
    [new Date(FROM), new Date(FROM + 86_400_000)],
  );
  return rows.map(({ ms, ps, om, ew, ...r }) => {
    const latencyHist = new Array(49).fill(0);
    for (const v of ms as number[]) latencyHist[latencyBucket(v)]++;
    const pScoreHist = new Array(20).fill(0);
    for (const p of ps as Array<number | null>) if (p !== null) pScoreHist[pScoreBin(p)]++;
    const overheadHist = new Array(OVERHEAD_LAYOUT.buckets).fill(0);
    for (const v of om as number[]) overheadHist[logBucket(v, OVERHEAD_LAYOUT)]++;
    const escalationWaitHist = new Array(49).fill(0);
    for (const v of ew as Array<number | null>) if (v !== null) escalationWaitHist[latencyBucket(v)]++;
    return { ...r, latencyHist, pScoreHist, overheadHist, escalationWaitHist };
  });
}

function expectSame(actual: Rollup[], expected: Awaited<ReturnType<typeof groupByRaw>>) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i]!;
    const zeroed = Object.fromEntries(SUMS.map((k) => [k, 0]));
    expect({ ...a, ...zeroed }).toEqual({ ...e, ...zeroed });
    for (const k of SUMS) expect(a[k]).toBeCloseTo(e[k] as number, k === "totalMs" || k === "qualitySum" ? 6 : 9);
  });
}

// Leaves nothing behind: other files count the demo rows of the whole database.
afterAll(async () => {
  const range = [new Date(FROM), new Date(FROM + 86_400_000)];
  await pgPool().query(`DELETE FROM "RequestLog" WHERE "createdAt" >= $1 AND "createdAt" < $2`, range);
  await pgPool().query(`DELETE FROM "RequestRollup" WHERE bucket >= $1 AND bucket < $2`, range);
});

describe("request rollups", () => {
  it("equal a GROUP BY over the raw rows after batch inserts, including a retried batch", async () => {
    const first = rows(700, 1);
    const second = rows(500, 2, true);
    expect(await insertRequestLogs(first)).toBe(700);
    expect(await insertRequestLogs(second.slice(0, 300))).toBe(300);
    // A retried batch: 300 rows already written, 200 new; only the new ones may count.
    expect(await insertRequestLogs(second)).toBe(200);
    const rollups = await readRollups();
    expect(rollups.reduce((s, r) => s + r.requests, 0)).toBe(1200);
    expectSame(rollups, await groupByRaw());
  });

  it("are rebuilt from raw rows by rebuildRollups with the same result", async () => {
    const before = await readRollups();
    await pgPool().query(`UPDATE "RequestRollup" SET requests = 0 WHERE bucket >= $1 AND bucket < $2`, [new Date(FROM), new Date(FROM + 86_400_000)]);
    await rebuildRollups({ from: new Date(FROM), to: new Date(FROM + 86_400_000) });
    const after = await readRollups();
    expectSame(after, await groupByRaw());
    expect(after.map((r) => r.requests)).toEqual(before.map((r) => r.requests));
  });
});
