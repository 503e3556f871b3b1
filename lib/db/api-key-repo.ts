import type { Prisma } from "./generated/client.ts";
import { db } from "./prisma.ts";
import type { DbClient } from "./user-repo.ts";

export const apiKeySelect = {
  id: true,
  name: true,
  prefix: true,
  monthlyBudgetUsd: true,
  overBudget: true,
  revokedAt: true,
  lastUsedAt: true,
  createdAt: true,
  policy: { select: { id: true, name: true } },
} as const satisfies Prisma.ApiKeySelect;

export type ApiKeyRow = Prisma.ApiKeyGetPayload<{ select: typeof apiKeySelect }>;

export function insertApiKey(
  data: { name: string; prefix: string; hash: string; policyId: string | null; monthlyBudgetUsd: number | null; overBudget: "reject" | "downgrade"; createdById: string | null },
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

export function findApiKey(id: string, client: DbClient = db) {
  return client.apiKey.findUnique({ where: { id }, select: apiKeySelect });
}

export function updateApiKeyRow(
  id: string,
  data: { name?: string; policyId?: string | null; monthlyBudgetUsd?: number | null; overBudget?: "reject" | "downgrade"; revokedAt?: Date },
  client: DbClient = db,
) {
  return client.apiKey.update({ where: { id }, data, select: apiKeySelect });
}

/** Active keys with their hashes, for the gateway's in-memory key table. */
export function readActiveKeysForGateway() {
  return db.apiKey.findMany({
    where: { revokedAt: null },
    select: { id: true, name: true, prefix: true, hash: true, monthlyBudgetUsd: true, overBudget: true, policy: { select: { name: true } } },
  });
}
