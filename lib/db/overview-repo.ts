/**
 * The overview's SQL: counts and money per bucket × tier × stage × status, and latency
 * histograms per tier, from the hourly rollups (or, for ranges of a few hours, from the raw
 * request log in finer buckets). Everything is aggregated in Postgres; at most a few thousand
 * small rows come back.
 */
import { histogramEntries, LATENCY_BUCKETS, latencyBucketSql, sumArraySql } from "./rollup-histograms";
import { pgPool } from "./pg-pool";

export const ORIGIN = `TIMESTAMPTZ '2000-01-01Z'`;

export type CountRow = {
  t: Date;
  tier: string;
  stage: string;
  status: string;
  requests: number;
  escalations: number;
  hedges: number;
  costUsd: number;
  baselineCostUsd: number;
};

export type HistRow = { tier: string; idx: number; count: number };

/** The range to read and its chart step (lib/monitoring/time-range resolves it): raw rows or rollups. */
export type RangeQuery = { from: Date; to: Date; bucketMs: number; source: "raw" | "rollup" };

const interval = (r: RangeQuery) => `${r.bucketMs / 1000} seconds`;
/** Rollup rows of the hours that overlap [from, to). */
export const ROLLUP_RANGE = `bucket >= date_bin('1 hour', $1::timestamptz, ${ORIGIN}) AND bucket < $2::timestamptz`;

export async function overviewCounts(r: RangeQuery): Promise<CountRow[]> {
  const sql =
    r.source === "rollup"
      ? `SELECT date_bin($3::interval, bucket, ${ORIGIN}) AS t, tier, stage, status, sum(requests)::int AS requests,
                sum(escalations)::int AS escalations, sum(hedges)::int AS hedges, sum("costUsd") AS "costUsd", sum("baselineCostUsd") AS "baselineCostUsd"
         FROM "RequestRollup" WHERE ${ROLLUP_RANGE} GROUP BY 1, 2, 3, 4`
      : `SELECT date_bin($3::interval, "createdAt", ${ORIGIN}) AS t, coalesce("tierName", '') AS tier, stage, status, count(*)::int AS requests,
                (count(*) FILTER (WHERE escalated))::int AS escalations, (count(*) FILTER (WHERE hedged))::int AS hedges,
                sum("costUsd") AS "costUsd", sum("baselineCostUsd") AS "baselineCostUsd"
         FROM "RequestLog" WHERE "createdAt" >= $1 AND "createdAt" < $2 GROUP BY 1, 2, 3, 4`;
  const { rows } = await pgPool().query<CountRow>(sql, [r.from, r.to, interval(r)]);
  return rows;
}

export async function overviewLatency(r: RangeQuery): Promise<HistRow[]> {
  if (r.source === "raw") {
    const { rows } = await pgPool().query<HistRow>(
      `SELECT coalesce("tierName", '') AS tier, ${latencyBucketSql(`"totalMs"`)} AS idx, count(*)::int AS count
       FROM "RequestLog" WHERE "createdAt" >= $1 AND "createdAt" < $2 AND status = 'ok' GROUP BY 1, 2`,
      [r.from, r.to],
    );
    return rows;
  }
  const { rows } = await pgPool().query<{ tier: string; hist: number[] }>(
    `SELECT tier, ${sumArraySql(`"latencyHist"`, LATENCY_BUCKETS)} AS hist FROM "RequestRollup" WHERE ${ROLLUP_RANGE} AND status = 'ok' GROUP BY 1`,
    [r.from, r.to],
  );
  return histogramEntries(rows);
}

/** Tier names, cheapest first (rank), for stable colours and ordering. */
export async function tierOrder(): Promise<string[]> {
  const { rows } = await pgPool().query<{ name: string }>(`SELECT name FROM "Tier" ORDER BY rank, name`);
  return rows.map((r) => r.name);
}

/** Each policy's most capable enabled tier (the last stage of its cascade). */
export async function policyTopTiers(): Promise<Map<string, string>> {
  const { rows } = await pgPool().query<{ policy: string; tier: string }>(
    `SELECT p.name AS policy, top.name AS tier FROM "Policy" p
     JOIN LATERAL (SELECT t.name FROM "PolicyTier" pt JOIN "Tier" t ON t.id = pt."tierId"
                   WHERE pt."policyId" = p.id AND t.enabled ORDER BY pt.position DESC LIMIT 1) top ON true`,
  );
  return new Map(rows.map((r) => [r.policy, r.tier]));
}

export async function policyNames(): Promise<string[]> {
  const { rows } = await pgPool().query<{ name: string }>(`SELECT name FROM "Policy" ORDER BY "isDefault" DESC, name`);
  return rows.map((r) => r.name);
}
