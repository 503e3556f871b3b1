/**
 * Upstream health from the request log: every attempt (latency.attempts of each row) counted
 * against the tier it went to, so a fallback's failed first leg counts against the tier that
 * failed, not the one that answered. Error classes: 429, 5xx and 4xx by the upstream's status;
 * without a status, a timeout (the error says so) or a connection failure. Skipped attempts
 * (breaker refused) and client aborts are left out.
 */
import { db } from "./prisma";

export type TierAttemptStats = {
  tier: string;
  model: string;
  attempts: number;
  errors: number;
  p50Ms: number | null;
  p95Ms: number | null;
  timeout: number;
  http5xx: number;
  http429: number;
  http4xx: number;
  connection: number;
};

const CLIENT_CLOSED = "client closed the request";

export function tierAttemptStats(since: Date): Promise<TierAttemptStats[]> {
  return db.$queryRaw<TierAttemptStats[]>`
    WITH a AS (
      SELECT x->>'tier' AS tier, coalesce(x->>'model', '') AS model, (x->>'ms')::float8 AS ms, x->>'outcome' AS outcome,
             (x->>'status')::int AS status, coalesce(x->>'error', '') AS error
      FROM "RequestLog" r, json_array_elements(r.latency->'attempts') x
      WHERE r."createdAt" >= ${since} AND r."isDemo" = false AND json_typeof(r.latency->'attempts') = 'array'
    ), c AS (
      SELECT *, CASE WHEN outcome <> 'error' THEN NULL
        WHEN status = 429 THEN '429' WHEN status >= 500 THEN '5xx' WHEN status >= 400 THEN '4xx'
        WHEN error ILIKE '%timeout%' OR error ILIKE '%timed out%' THEN 'timeout' ELSE 'connection' END AS class
      FROM a WHERE outcome NOT IN ('skipped', 'hedge-lost') AND position(${CLIENT_CLOSED} in error) = 0
    )
    SELECT tier, max(model) AS model, count(*)::int AS attempts, count(class)::int AS errors,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS "p50Ms", percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS "p95Ms",
      count(*) FILTER (WHERE class = 'timeout')::int AS timeout, count(*) FILTER (WHERE class = '5xx')::int AS "http5xx",
      count(*) FILTER (WHERE class = '429')::int AS "http429", count(*) FILTER (WHERE class = '4xx')::int AS "http4xx",
      count(*) FILTER (WHERE class = 'connection')::int AS connection
    FROM c WHERE tier IS NOT NULL GROUP BY tier ORDER BY tier`;
}

export type TierError = { tier: string; at: Date; status: number | null; error: string; requestId: string };

/** The latest failed attempts, newest first, at most `perTier` for each tier. */
export function lastTierErrors(since: Date, perTier: number): Promise<TierError[]> {
  return db.$queryRaw<TierError[]>`
    SELECT tier, at, status, error, "requestId" FROM (
      SELECT x->>'tier' AS tier, r."createdAt" AS at, (x->>'status')::int AS status, coalesce(x->>'error', '') AS error, r.id AS "requestId",
        row_number() OVER (PARTITION BY x->>'tier' ORDER BY r."createdAt" DESC) AS n
      FROM "RequestLog" r, json_array_elements(r.latency->'attempts') x
      WHERE r."createdAt" >= ${since} AND r."isDemo" = false AND json_typeof(r.latency->'attempts') = 'array'
        AND x->>'outcome' = 'error' AND position(${CLIENT_CLOSED} in coalesce(x->>'error', '')) = 0
    ) e WHERE n <= ${perTier} ORDER BY at DESC`;
}
