import type { Prisma } from "./generated/client";
import { db } from "./prisma";
import type { DbClient } from "./user-repo";

export const apiKeySelect = {
  id: true,
  name: true,
  prefix: true,
  monthlyBudgetUsd: true,
  overBudget: true,
  rateLimitPerMinute: true,
  revokedAt: true,
  lastUsedAt: true,
  createdAt: true,
  policy: { select: { id: true, name: true } },
} as const satisfies Prisma.ApiKeySelect;

export type ApiKeyRow = Prisma.ApiKeyGetPayload<{ select: typeof apiKeySelect }>;

export function insertApiKey(
  data: { name: string; prefix: string; hash: string; policyId: string | null; monthlyBudgetUsd: number | null; overBudget: "reject" | "downgrade"; rateLimitPerMinute: number | null; createdById: string | null },
  client: DbClient = db,
) {
  return client.apiKey.create({ data, select: apiKeySelect });
}

export function findPolicyIdByName(name: string, client: DbClient = db) {
  return client.policy.findUnique({ where: { name }, select: { id: true } });
}

export async function listApiKeys(opts: { page: number; pageSize: number; includeRevoked: boolean }) {
  const where: Prisma.ApiKeyWhereInput = opts.includeRevoked ? {} : { revokedAt: null };
  const [items, total] = await Promise.all([
    db.apiKey.findMany({ where, select: apiKeySelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (opts.page - 1) * opts.pageSize, take: opts.pageSize }),
    db.apiKey.count({ where }),
  ]);
  return { items, total };
}

/** Month-to-date spend per key: SUM(costUsd) since `since`, on the (apiKeyId, createdAt) index. */
export async function monthToDateSpend(keyIds: readonly string[], since: Date): Promise<Map<string, number>> {
  if (!keyIds.length) return new Map();
  const rows = await db.requestLog.groupBy({
    by: ["apiKeyId"],
    where: { apiKeyId: { in: [...keyIds] }, createdAt: { gte: since } },
    _sum: { costUsd: true },
  });
  return new Map(rows.map((r) => [r.apiKeyId!, r._sum.costUsd ?? 0]));
}

export function findApiKey(id: string, client: DbClient = db) {
  return client.apiKey.findUnique({ where: { id }, select: apiKeySelect });
}

export function updateApiKeyRow(
  id: string,
  data: { name?: string; policyId?: string | null; monthlyBudgetUsd?: number | null; overBudget?: "reject" | "downgrade"; rateLimitPerMinute?: number | null; revokedAt?: Date },
  client: DbClient = db,
) {
  return client.apiKey.update({ where: { id }, data, select: apiKeySelect });
}

/** Active keys with their hashes, for the gateway's in-memory key table. */
export function readActiveKeysForGateway() {
  return db.apiKey.findMany({
    where: { revokedAt: null },
    select: { id: true, name: true, prefix: true, hash: true, monthlyBudgetUsd: true, overBudget: true, rateLimitPerMinute: true, policy: { select: { name: true } } },
  });
}

/**
 * Keeps ApiKey.lastUsedAt honest from the request-log writer: a data-modifying CTE over the rows
 * a batch inserted (`inserted`: a relation with "apiKeyId" and "createdAt"), in the insert's own
 * statement. Minute precision on purpose: a key's row is written at most about once a minute
 * however busy it is, so gateways flushing at the same time rarely meet on it.
 */
export function touchApiKeysSql(inserted: string): string {
  return `UPDATE "ApiKey" k SET "lastUsedAt" = v.t
    FROM (SELECT "apiKeyId" AS id, max("createdAt") AS t FROM ${inserted} WHERE "apiKeyId" IS NOT NULL GROUP BY 1 ORDER BY 1) v
    WHERE k.id = v.id AND (k."lastUsedAt" IS NULL OR k."lastUsedAt" < v.t - interval '1 minute')`;
}
