/**
 * The request-log writer's rollups, summed before they reach Postgres: each row's share of its
 * hourly RequestRollup row is worked out when the row is logged (`rollupFacts`, beside its COPY
 * line), and a batch's shares are added up per rollup key in JavaScript (`sumRollups`) — a batch
 * of hundreds of rows becomes a handful of rollup rows, upserted by one statement with the keys'
 * lastUsedAt touches (request-log-repo.ts). Postgres no longer copies every row's rollup columns
 * into a staging table and groups them: ~10 µs less Postgres CPU per logged row and +7–8% rows/s
 * in the log-write bench, +1–3% requests/s on the gateway at saturation (bench/NOTES.md, 2026-12-08).
 *
 * The bins are the same functions the SQL rebuild mirrors (rollup-histograms.ts, which makes JS
 * and Postgres agree on every edge); rollups.int.test.ts compares the result with a GROUP BY over
 * the raw rows.
 */
import { boolColumn, numberColumn, type NumberColumn } from "./request-log-copy";
import type { RequestLogInsert } from "./request-log-repo";
import { decidingProbability, LATENCY_BUCKETS, latencyBucket, logBucket, OVERHEAD_LAYOUT, PSCORE_BINS, pScoreBin } from "./rollup-histograms";

const HOUR_MS = 3_600_000;

/** One logged row's part in the rollups (and its key's lastUsedAt). */
export type RollupFacts = {
  /** bucket, policy, tier, stage, status and isDemo, joined: what rows are summed by. */
  key: string;
  bucket: number;
  policy: string;
  tier: string;
  stage: string;
  status: string;
  isDemo: boolean;
  escalated: boolean;
  hedged: boolean;
  explored: boolean;
  costUsd: number;
  baselineCostUsd: number;
  totalMs: number;
  escalationWasteUsd: number;
  hedgeWasteUsd: number;
  exploreCostUsd: number;
  quality: number | null;
  /** Bins: latency, deciding probability (null: no classifier ran), overhead, escalation wait (null: not escalated). */
  lb: number;
  pb: number | null;
  ob: number;
  eb: number | null;
  apiKeyId: string | null;
  createdAt: number;
};

/** A RequestRollup row summed from a batch, named as the table's columns: json_populate_recordset reads it with the table's row type (rollup-repo.ts, addSummedRollupsSql). */
export type SummedRollup = {
  bucket: string;
  policy: string;
  tier: string;
  stage: string;
  status: string;
  isDemo: boolean;
  requests: number;
  escalations: number;
  hedges: number;
  costUsd: number;
  baselineCostUsd: number;
  totalMs: number;
  latencyHist: number[];
  pScoreHist: number[];
  escalationWasteUsd: number;
  hedgeWasteUsd: number;
  explored: number;
  exploreCostUsd: number;
  qualitySum: number;
  qualityN: number;
  overheadHist: number[];
  escalationWaitHist: number[];
};

/** A row's facts, with the values its COPY line gets for missing fields (request-log-copy.ts's column defaults); `createdAt` when the row has none. */
export function rollupFacts(row: RequestLogInsert, createdAt: Date): RollupFacts {
  const at = row.createdAt === undefined || row.createdAt === null ? createdAt.getTime() : new Date(row.createdAt).getTime();
  const bucket = Math.floor(at / HOUR_MS) * HOUR_MS; // date_bin('1 hour', …, 2000-01-01Z): hours since the epoch are the same hours
  // the summed columns are NOT NULL with defaults: a row's explicit null (which the table itself would refuse) sums as 0
  const num = (name: NumberColumn) => numberColumn(row, name) ?? 0;
  const policy = row.policyName ?? "";
  const tier = row.tierName ?? "";
  const stage = String(row.stage);
  const status = String(row.status);
  const isDemo = boolColumn(row, "isDemo");
  const escalated = boolColumn(row, "escalated");
  const totalMs = num("totalMs");
  const p = decidingProbability(row.scores);
  return {
    key: `${bucket}\u0000${policy}\u0000${tier}\u0000${stage}\u0000${status}\u0000${isDemo}`,
    bucket,
    policy,
    tier,
    stage,
    status,
    isDemo,
    escalated,
    hedged: boolColumn(row, "hedged"),
    explored: boolColumn(row, "explored"),
    costUsd: num("costUsd"),
    baselineCostUsd: num("baselineCostUsd"),
    totalMs,
    escalationWasteUsd: num("escalationWasteUsd"),
    hedgeWasteUsd: num("hedgeWasteUsd"),
    exploreCostUsd: num("exploreCostUsd"),
    quality: numberColumn(row, "quality"),
    lb: latencyBucket(totalMs),
    pb: p === null ? null : pScoreBin(p),
    ob: logBucket(num("overheadMs"), OVERHEAD_LAYOUT),
    eb: escalated ? latencyBucket(num("escalationWaitMs")) : null,
    apiKeyId: row.apiKeyId ?? null,
    createdAt: at,
  };
}

/** A batch's facts summed per rollup key, and each API key's latest request (the SQL sorts both, so writers lock rows in the same order). */
export function sumRollups(batch: readonly RollupFacts[]): { rollups: SummedRollup[]; keys: Array<{ id: string; t: string }> } {
  const sums = new Map<string, SummedRollup>();
  const lastUsed = new Map<string, number>();
  for (const f of batch) {
    let r = sums.get(f.key);
    if (!r) {
      r = {
        bucket: new Date(f.bucket).toISOString(),
        policy: f.policy,
        tier: f.tier,
        stage: f.stage,
        status: f.status,
        isDemo: f.isDemo,
        requests: 0,
        escalations: 0,
        hedges: 0,
        costUsd: 0,
        baselineCostUsd: 0,
        totalMs: 0,
        latencyHist: new Array<number>(LATENCY_BUCKETS).fill(0),
        pScoreHist: new Array<number>(PSCORE_BINS).fill(0),
        escalationWasteUsd: 0,
        hedgeWasteUsd: 0,
        explored: 0,
        exploreCostUsd: 0,
        qualitySum: 0,
        qualityN: 0,
        overheadHist: new Array<number>(OVERHEAD_LAYOUT.buckets).fill(0),
        escalationWaitHist: new Array<number>(LATENCY_BUCKETS).fill(0),
      };
      sums.set(f.key, r);
    }
    r.requests++;
    if (f.escalated) r.escalations++;
    if (f.hedged) r.hedges++;
    if (f.explored) r.explored++;
    r.costUsd += f.costUsd;
    r.baselineCostUsd += f.baselineCostUsd;
    r.totalMs += f.totalMs;
    r.escalationWasteUsd += f.escalationWasteUsd;
    r.hedgeWasteUsd += f.hedgeWasteUsd;
    r.exploreCostUsd += f.exploreCostUsd;
    if (f.quality !== null) {
      r.qualitySum += f.quality;
      r.qualityN++;
    }
    r.latencyHist[f.lb]!++;
    if (f.pb !== null) r.pScoreHist[f.pb]!++;
    r.overheadHist[f.ob]!++;
    if (f.eb !== null) r.escalationWaitHist[f.eb]!++;
    if (f.apiKeyId !== null && !(f.createdAt <= (lastUsed.get(f.apiKeyId) ?? -Infinity))) lastUsed.set(f.apiKeyId, f.createdAt);
  }
  return { rollups: [...sums.values()], keys: Array.from(lastUsed, ([id, t]) => ({ id, t: new Date(t).toISOString() })) };
}
