/**
 * RequestRollup writes: adding a batch's rows (in the request-log insert's own statement),
 * rebuilding from raw rows (bulk seeds, repairs), and removing demo data. Plain SQL through pg:
 * Prisma's query compiler costs more than these statements.
 */
import type pg from "pg";
import { DECIDING_PROBABILITY_SQL, LATENCY_BUCKETS, latencyBucketSql, logBucketSql, OVERHEAD_LAYOUT, PSCORE_BINS, pScoreBinSql } from "./rollup-histograms";
import { pgPool, withPgTransaction } from "./pg-pool";

const addArrays = (col: string) =>
  `"${col}" = ARRAY(SELECT coalesce(x, 0) + coalesce(y, 0) FROM unnest(r."${col}", EXCLUDED."${col}") WITH ORDINALITY AS u(x, y, i) ORDER BY i)`;

const ROLLUP_KEY = `bucket, policy, tier, stage, status, "isDemo"`;
const ROLLUP_COLUMNS = `${ROLLUP_KEY}, requests, escalations, hedges, "costUsd", "baselineCostUsd", "totalMs", "latencyHist", "pScoreHist",
  "escalationWasteUsd", "hedgeWasteUsd", explored, "exploreCostUsd", "qualitySum", "qualityN", "overheadHist", "escalationWaitHist"`;

/** A request-log row's rollup key and histogram bins (`lb`, `pb`), as select-list items. */
const SOURCE_COLUMNS = `date_bin('1 hour', "createdAt", TIMESTAMPTZ '2000-01-01Z') AS bucket, coalesce("policyName", '') AS policy, coalesce("tierName", '') AS tier,
  stage, status, "isDemo", escalated, hedged, "costUsd", "baselineCostUsd", "totalMs",
  "escalationWasteUsd", "hedgeWasteUsd", explored, "exploreCostUsd", quality,
  ${latencyBucketSql(`"totalMs"`)} AS lb, ${pScoreBinSql(DECIDING_PROBABILITY_SQL)} AS pb,
  ${logBucketSql(`"overheadMs"`, OVERHEAD_LAYOUT)} AS ob, CASE WHEN escalated THEN ${latencyBucketSql(`"escalationWaitMs"`)} END AS eb`;

/** The RequestLog columns SOURCE_COLUMNS reads (what the insert's RETURNING must give). */
export const ROLLUP_SOURCE_FIELDS = `"createdAt", "policyName", "tierName", stage, status, "isDemo", escalated, hedged, "costUsd", "baselineCostUsd", "totalMs", scores,
  "escalationWasteUsd", "hedgeWasteUsd", explored, "exploreCostUsd", quality, "overheadMs", "escalationWaitMs"`;

/** One rollup row per key over `src`, a relation with SOURCE_COLUMNS. */
function rollupRowsSql(src: string): string {
  return `SELECT ${ROLLUP_KEY}, count(*)::int, (count(*) FILTER (WHERE escalated))::int, (count(*) FILTER (WHERE hedged))::int,
    sum("costUsd"), sum("baselineCostUsd"), sum("totalMs"), ${histogramArraySql("lb", LATENCY_BUCKETS)}, ${histogramArraySql("pb", PSCORE_BINS)},
    sum("escalationWasteUsd"), sum("hedgeWasteUsd"), (count(*) FILTER (WHERE explored))::int, sum("exploreCostUsd"),
    coalesce(sum(quality), 0), count(quality)::int, ${histogramArraySql("ob", OVERHEAD_LAYOUT.buckets)}, ${histogramArraySql("eb", LATENCY_BUCKETS)}
  FROM ${src} GROUP BY ${ROLLUP_KEY}`;
}

/** Adding rollup rows to the existing ones of their keys: sums and histograms element-wise. */
const ROLLUP_ON_CONFLICT = `ON CONFLICT (${ROLLUP_KEY}) DO UPDATE SET
    requests = r.requests + EXCLUDED.requests,
    escalations = r.escalations + EXCLUDED.escalations,
    hedges = r.hedges + EXCLUDED.hedges,
    "costUsd" = r."costUsd" + EXCLUDED."costUsd",
    "baselineCostUsd" = r."baselineCostUsd" + EXCLUDED."baselineCostUsd",
    "totalMs" = r."totalMs" + EXCLUDED."totalMs",
    "escalationWasteUsd" = r."escalationWasteUsd" + EXCLUDED."escalationWasteUsd",
    "hedgeWasteUsd" = r."hedgeWasteUsd" + EXCLUDED."hedgeWasteUsd",
    explored = r.explored + EXCLUDED.explored,
    "exploreCostUsd" = r."exploreCostUsd" + EXCLUDED."exploreCostUsd",
    "qualitySum" = r."qualitySum" + EXCLUDED."qualitySum",
    "qualityN" = r."qualityN" + EXCLUDED."qualityN",
    ${addArrays("latencyHist")},
    ${addArrays("pScoreHist")},
    ${addArrays("overheadHist")},
    ${addArrays("escalationWaitHist")}`;

/**
 * Adds request-log rows to the rollups: an INSERT … ON CONFLICT DO UPDATE over `inserted` (a
 * relation of RequestLog rows, e.g. a CTE's RETURNING), for use inside the insert's own statement
 * so the dashboards never disagree with the log. Keys go in sorted order, so concurrent writers
 * lock rollup rows in the same order. The source subquery is kept apart (OFFSET 0, as the
 * rebuild's MATERIALIZED CTE): pulled up into the GROUP BY, each row's latency bin (a logarithm)
 * and score bin (jsonb lookups) were computed again in every one of the 69 histogram FILTERs,
 * ~30-40 µs of Postgres CPU per logged request.
 */
export function addRollupsSql(inserted: string): string {
  return `INSERT INTO "RequestRollup" AS r (${ROLLUP_COLUMNS})
  ${rollupRowsSql(`(SELECT ${SOURCE_COLUMNS} FROM ${inserted} OFFSET 0) src`)} ORDER BY ${ROLLUP_KEY}
  ${ROLLUP_ON_CONFLICT}`;
}

/**
 * Adds rollup rows already summed (request-log-rollup.ts) to RequestRollup: `json` is an SQL
 * expression for a JSON array of objects named as RequestRollup's columns (histograms as arrays),
 * read with the table's own row type. Keys in sorted order, as above.
 */
export function addSummedRollupsSql(json: string): string {
  return `INSERT INTO "RequestRollup" AS r (${ROLLUP_COLUMNS})
  SELECT ${ROLLUP_COLUMNS} FROM json_populate_recordset(NULL::"RequestRollup", ${json})
  ORDER BY ${ROLLUP_KEY}
  ${ROLLUP_ON_CONFLICT}`;
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
    `WITH src AS MATERIALIZED (SELECT ${SOURCE_COLUMNS} FROM "RequestLog" WHERE ${where})
     INSERT INTO "RequestRollup" (${ROLLUP_COLUMNS}) ${rollupRowsSql("src")}`,
    params,
  );
  return result.rowCount ?? 0;
}

/** Removes every demo request (labels and claims cascade, shadow pairs go with them) and the demo rollups, atomically. */
export function deleteDemoData(): Promise<{ requests: number; rollups: number }> {
  return withPgTransaction(async (client) => {
    await client.query(`DELETE FROM "ShadowPair" WHERE "isDemo"`);
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
