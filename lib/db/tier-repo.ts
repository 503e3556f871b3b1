/**
 * Tier rows for the console's tier admin (lib/config/manage-tiers.ts). Secrets (the provider key
 * and the extra headers) stay in ProviderCredential, encrypted (secret-box.ts); rows carry only
 * their hints. `readTierSecret` decrypts them for the "test connection" call, config-repo's
 * `readTierSecrets` for the gateway.
 */
import type { Prisma } from "./generated/client";
import { db } from "./prisma";
import { decryptSecret, encryptSecret } from "./secret-box";
import { secretKey } from "./secret-key";
import type { DbClient } from "./user-repo";

export const tierInclude = { credential: { select: { id: true, hint: true, headerHints: true, deploymentKeyHints: true } } } as const satisfies Prisma.TierInclude;

/** A tier's secrets in the clear: only in memory, never in a response or a log. `deploymentKeys`: deployment name → key. */
export type TierSecrets = { apiKey: string | null; headers: Record<string, string>; deploymentKeys: Record<string, string> };

export const NO_SECRETS: TierSecrets = { apiKey: null, headers: {}, deploymentKeys: {} };

type CredentialColumns = { secret: string | null; headers: string | null; deploymentKeys: string | null };
/** The encrypted columns of a credential (select). */
export const credentialColumns = { secret: true, headers: true, deploymentKeys: true } as const;

/** What the console may show of a header value. */
export function headerHint(value: string): string {
  return value.length >= 12 ? `…${value.slice(-4)}` : "•••";
}

/** Decrypts a credential row's columns (legacy plaintext keys are read as they are). */
export function openCredential(tierName: string, row: CredentialColumns | null | undefined): TierSecrets {
  if (!row) return NO_SECRETS;
  const key = secretKey().key;
  const apiKey = row.secret === null ? null : decryptSecret(row.secret, key, `the API key of tier ${tierName}`);
  const headers = row.headers === null ? {} : (JSON.parse(decryptSecret(row.headers, key, `the headers of tier ${tierName}`)) as Record<string, string>);
  const deploymentKeys = row.deploymentKeys === null ? {} : (JSON.parse(decryptSecret(row.deploymentKeys, key, `the deployment keys of tier ${tierName}`)) as Record<string, string>);
  return { apiKey, headers, deploymentKeys };
}

/** The credential columns for `secrets`, encrypted, with their hints. */
export function sealCredential(secrets: TierSecrets) {
  const key = secretKey().key;
  const names = Object.keys(secrets.headers);
  const deployments = Object.keys(secrets.deploymentKeys);
  return {
    secret: secrets.apiKey === null ? null : encryptSecret(secrets.apiKey, key),
    hint: secrets.apiKey === null ? "" : `…${secrets.apiKey.slice(-4)}`,
    headers: names.length ? encryptSecret(JSON.stringify(secrets.headers), key) : null,
    headerHints: Object.fromEntries(names.map((n) => [n, headerHint(secrets.headers[n]!)])),
    deploymentKeys: deployments.length ? encryptSecret(JSON.stringify(secrets.deploymentKeys), key) : null,
    deploymentKeyHints: Object.fromEntries(deployments.map((n) => [n, `…${secrets.deploymentKeys[n]!.slice(-4)}`])),
  };
}

export type TierData = {
  kind: "chat" | "embeddings";
  provider: "openai" | "anthropic" | "simulated";
  baseUrl: string | null;
  model: string;
  inputUsdPerMTok: number;
  outputUsdPerMTok: number;
  timeoutMs: number;
  enabled: boolean;
  options: Prisma.InputJsonValue;
  capabilities: Prisma.InputJsonValue;
  deployments: Prisma.InputJsonValue;
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

/** Stores the tier's secrets (replacing what was stored); none at all removes the credential. */
export async function saveTierSecrets(tierId: string, tierName: string, secrets: TierSecrets, client: DbClient = db) {
  if (secrets.apiKey === null && Object.keys(secrets.headers).length === 0 && Object.keys(secrets.deploymentKeys).length === 0) {
    const row = await client.tier.findUnique({ where: { id: tierId }, select: { credentialId: true } });
    if (row?.credentialId) await removeTierCredential(tierId, row.credentialId, client);
    return;
  }
  const name = `tier:${tierName}`;
  const value = sealCredential(secrets);
  const credential = await client.providerCredential.upsert({ where: { name }, create: { name, ...value }, update: value, select: { id: true } });
  await client.tier.update({ where: { id: tierId }, data: { credentialId: credential.id } });
}

/** The tier's stored secrets, decrypted (inside a change that keeps some of them). */
export async function readStoredSecrets(tierId: string, client: DbClient = db): Promise<TierSecrets> {
  const row = await client.tier.findUnique({ where: { id: tierId }, select: { name: true, credential: { select: credentialColumns } } });
  return row ? openCredential(row.name, row.credential) : NO_SECRETS;
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

/** The tier's upstream secrets, for the server-side connection test only. */
export async function readTierSecret(name: string): Promise<TierSecrets> {
  const row = await db.tier.findUnique({ where: { name }, select: { credential: { select: credentialColumns } } });
  return openCredential(name, row?.credential);
}
