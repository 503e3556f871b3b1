/** Shadow pairs: written by the gateway after a shadowed answer went out; read by the ledger and a request's detail. */
import type { Prisma } from "./generated/client";
import { pgPool } from "./pg-pool";
import { db } from "./prisma";

/** SQL: the newest graded shadow pair of the request row aliased `r` ({ servedTier, shadowTier, verdict } or null). */
export const NEWEST_GRADED_PAIR_SQL = `(SELECT jsonb_build_object('servedTier', s."servedTier", 'shadowTier', s."shadowTier", 'verdict', s.verdict) FROM "ShadowPair" s
  WHERE s."requestId" = r.id AND s.verdict <> 'failed' ORDER BY s."createdAt" DESC LIMIT 1)`;

export type ShadowPairInsert = Prisma.ShadowPairUncheckedCreateInput;

export function insertShadowPair(data: ShadowPairInsert) {
  return db.shadowPair.create({ data, select: { id: true } });
}

export function findShadowPairs(requestId: string) {
  return db.shadowPair.findMany({ where: { requestId }, orderBy: { createdAt: "asc" } });
}

/** What shadow evaluation cost per policy over the range (shadow calls and judging). */
export async function shadowSpend(range: { from: Date; to: Date }, policy?: string): Promise<Map<string, { pairs: number; usd: number }>> {
  const { rows } = await pgPool().query<{ policy: string; pairs: number; usd: number }>(
    `SELECT "policyName" AS policy, count(*)::int AS pairs, coalesce(sum("shadowCostUsd" + "judgeCostUsd"), 0)::float8 AS usd
     FROM "ShadowPair" WHERE "createdAt" >= $1 AND "createdAt" < $2 AND ($3::text IS NULL OR "policyName" = $3) GROUP BY 1`,
    [range.from, range.to, policy ?? null],
  );
  return new Map(rows.map((r) => [r.policy, { pairs: r.pairs, usd: r.usd }]));
}
