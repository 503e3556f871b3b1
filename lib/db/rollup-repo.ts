/**
 * RequestRollup writes: adding a batch's deltas (same transaction as the request-log insert),
 * rebuilding from raw rows (bulk seeds, repairs), and removing demo data. Plain SQL through pg:
 * Prisma's query compiler costs more than these statements.
 */
import type pg from "pg";
import type { RollupDelta } from "../monitoring/aggregate-rollups.ts";
import { DECIDING_PROBABILITY_SQL, LATENCY_BUCKETS, latencyBucketSql, PSCORE_BINS, pScoreBinSql } from "../monitoring/histograms.ts";
import { pgPool, withPgTransaction } from "./pg-pool.ts";

type Queryable = Pick<pg.PoolClient, "query">;

const addArrays = (col: string) =>
  `"${col}" = ARRAY(SELECT coalesce(x, 0) + coalesce(y, 0) FROM unnest(r."${col}", EXCLUDED."${col}") WITH ORDINALITY AS u(x, y, i) ORDER BY i)`;

const UPSERT_SQL = `
INSERT INTO "RequestRollup" AS r (bucket, policy, tier, stage, status, "isDemo", requests, escalations, hedges, "costUsd", "baselineCostUsd", "totalMs", "latencyHist", "pScoreHist")
SELECT bucket, policy, tier, stage, status, "isDemo", requests, escalations, hedges, "costUsd", "baselineCostUsd", "totalMs", "latencyHist", "pScoreHist"
FROM json_populate_recordset(NULL::"RequestRollup", $1::json)
ON CONFLICT (bucket, policy, tier, stage, status, "isDemo") DO UPDATE SET
  requests = r.requests + EXCLUDED.requests,
  escalations = r.escalations + EXCLUDED.escalations,
  hedges = r.hedges + EXCLUDED.hedges,
  "costUsd" = r."costUsd" + EXCLUDED."costUsd",
  "baselineCostUsd" = r."baselineCostUsd" + EXCLUDED."baselineCostUsd",
  "totalMs" = r."totalMs" + EXCLUDED."totalMs",
  ${addArrays("latencyHist")},
  ${addArrays("pScoreHist")}`;

/** Adds deltas to the rollups (one statement). Pass the transaction's client to share it. */
export async function upsertRollups(client: Queryable, deltas: readonly RollupDelta[]): Promise<void> {
  if (!deltas.length) return;
  await client.query(UPSERT_SQL, [JSON.stringify(deltas)]);
}

function histogramArraySql(expr: string, bins: number): string {
  return `ARRAY[${Array.from({ length: bins }, (_, i) => `count(*) FILTER (WHERE ${expr} = ${i})`).join(", ")}]::int[]`;
}

/**
 * Recomputes the rollups of [from, to) (hour-aligned; default: everything) from RequestLog:
 * deletes those hours' rollups and writes a GROUP BY over the raw rows. One statement each, in
 * one transaction; use it after bulk loads that bypass insertRequestLogs.
 */
export function rebuildRollups(range: { from?: Date; to?: Date } = {}, client?: pg.PoolClient): Promise<number> {
  return client ? rebuildRollupsWith(client, range) : withPgTransaction((own) => rebuildRollupsWith(own, range));
}

async function rebuildRollupsWith(own: pg.PoolClient, range: { from?: Date; to?: Date }): Promise<number> {
  const where = `($1::timestamptz IS NULL OR "createdAt" >= date_bin('1 hour', $1::timestamptz, TIMESTAMPTZ '2000-01-01Z'))
    AND ($2::timestamptz IS NULL OR "createdAt" < $2::timestamptz)`;
  const params = [range.from ?? null, range.to ?? null];
  await own.query(
    `DELETE FROM "RequestRollup" WHERE ($1::timestamptz IS NULL OR bucket >= date_bin('1 hour', $1::timestamptz, TIMESTAMPTZ '2000-01-01Z'))
      AND ($2::timestamptz IS NULL OR bucket < $2::timestamptz)`,
    params,
  );
  const result = await own.query(
    `WITH src AS MATERIALIZED (
       SELECT date_bin('1 hour', "createdAt", TIMESTAMPTZ '2000-01-01Z') AS bucket, coalesce("policyName", '') AS policy, coalesce("tierName", '') AS tier,
              stage, status, "isDemo", escalated, hedged, "costUsd", "baselineCostUsd", "totalMs",
              ${latencyBucketSql(`"totalMs"`)} AS lb, ${pScoreBinSql(DECIDING_PROBABILITY_SQL)} AS pb
       FROM "RequestLog" WHERE ${where})
     INSERT INTO "RequestRollup" (bucket, policy, tier, stage, status, "isDemo", requests, escalations, hedges, "costUsd", "baselineCostUsd", "totalMs", "latencyHist", "pScoreHist")
     SELECT bucket, policy, tier, stage, status, "isDemo", count(*)::int, (count(*) FILTER (WHERE escalated))::int, (count(*) FILTER (WHERE hedged))::int,
            sum("costUsd"), sum("baselineCostUsd"), sum("totalMs"), ${histogramArraySql("lb", LATENCY_BUCKETS)}, ${histogramArraySql("pb", PSCORE_BINS)}
     FROM src GROUP BY bucket, policy, tier, stage, status, "isDemo"`,
    params,
  );
  return result.rowCount ?? 0;
}

/** Removes every demo request (labels and claims cascade) and the demo rollups, atomically. */
export function deleteDemoData(): Promise<{ requests: number; rollups: number }> {
  return withPgTransaction(async (client) => {
    const requests = await client.query(`DELETE FROM "RequestLog" WHERE "isDemo"`);
    const rollups = await client.query(`DELETE FROM "RequestRollup" WHERE "isDemo"`);
    return { requests: requests.rowCount ?? 0, rollups: rollups.rowCount ?? 0 };
  });
}

/** How many demo requests are stored (the overview shows the remove button only when > 0). */
export async function countDemoRequests(): Promise<number> {
  const { rows } = await pgPool().query<{ n: string }>(`SELECT coalesce(sum(requests), 0) AS n FROM "RequestRollup" WHERE "isDemo"`);
  return Number(rows[0]?.n ?? 0);
}
