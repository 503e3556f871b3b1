/** Shadow pairs: written by the gateway after a shadowed answer went out; read by the ledger and a request's detail. */
import type { Prisma } from "./generated/client";
import { pgPool } from "./pg-pool";
import { db } from "./prisma";

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
