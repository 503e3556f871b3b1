/**
 * Tier rows for the console's tier admin (lib/config/manage-tiers.ts). Secrets stay in
 * ProviderCredential; only `readTierSecret` returns one, for the "test connection" call.
 */
import type { Prisma } from "./generated/client";
import { db } from "./prisma";
import type { DbClient } from "./user-repo";

export const tierInclude = { credential: { select: { id: true, hint: true } } } as const satisfies Prisma.TierInclude;

export type TierData = {
  provider: "openai" | "anthropic" | "simulated";
  baseUrl: string | null;
  model: string;
  inputUsdPerMTok: number;
  outputUsdPerMTok: number;
  timeoutMs: number;
  enabled: boolean;
  options: Prisma.InputJsonValue;
};

export function listTierRows(client: DbClient = db) {
  return client.tier.findMany({ orderBy: [{ rank: "asc" }, { name: "asc" }], include: tierInclude });
}

export function findTierRow(name: string, client: DbClient = db) {
  return client.tier.findUnique({ where: { name }, include: tierInclude });
}

export async function insertTierRow(name: string, data: TierData, client: DbClient = db) {
  const last = await client.tier.aggregate({ _max: { rank: true } });
  return client.tier.create({ data: { name, rank: (last._max.rank ?? -1) + 1, ...data }, include: tierInclude });
}

export function updateTierRow(id: string, data: Partial<TierData>, client: DbClient = db) {
  return client.tier.update({ where: { id }, data, include: tierInclude });
}

export async function setTierCredential(tierId: string, tierName: string, secret: string, client: DbClient = db) {
  const name = `tier:${tierName}`;
  const value = { secret, hint: `…${secret.slice(-4)}` };
  const credential = await client.providerCredential.upsert({ where: { name }, create: { name, ...value }, update: value, select: { id: true } });
  await client.tier.update({ where: { id: tierId }, data: { credentialId: credential.id } });
}

export async function removeTierCredential(tierId: string, credentialId: string, client: DbClient = db) {
  await client.tier.update({ where: { id: tierId }, data: { credentialId: null } });
  if ((await client.tier.count({ where: { credentialId } })) === 0) await client.providerCredential.delete({ where: { id: credentialId } });
}

/** Names of the policies that list the tier or have a rule sending requests to it. */
export async function policiesUsingTier(tierId: string, client: DbClient = db): Promise<string[]> {
  const rows = await client.policy.findMany({
    where: { OR: [{ tiers: { some: { tierId } } }, { rules: { some: { targetTierId: tierId } } }] },
    select: { name: true },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => r.name);
}

/** Policy names per tier id, for the list view. */
export async function policyNamesByTier(client: DbClient = db): Promise<Map<string, string[]>> {
  const rows = await client.policyTier.findMany({ select: { tierId: true, policy: { select: { name: true } } }, orderBy: { policy: { name: "asc" } } });
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.tierId, [...(out.get(r.tierId) ?? []), r.policy.name]);
  return out;
}

export async function deleteTierRow(id: string, credentialId: string | null, client: DbClient = db) {
  await client.tier.delete({ where: { id } });
  if (credentialId && (await client.tier.count({ where: { credentialId } })) === 0) {
    await client.providerCredential.delete({ where: { id: credentialId } });
  }
}

export async function setTierRanks(order: readonly string[], client: DbClient = db) {
  for (const [rank, name] of order.entries()) await client.tier.update({ where: { name }, data: { rank } });
}

/** The tier's upstream secret, for the server-side connection test only. */
export async function readTierSecret(name: string): Promise<string | undefined> {
  const row = await db.tier.findUnique({ where: { name }, select: { credential: { select: { secret: true } } } });
  return row?.credential?.secret ?? undefined;
}
