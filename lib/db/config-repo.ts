/**
 * Reading and writing the routing configuration (tiers, credentials, policies, rules).
 * Credentials are read decrypted only by readTierSecrets (the gateway).
 * The shapes are lib/routing/config-schema.ts's; lib/config turns rows into them and back.
 */
import type { Prisma } from "./generated/client";
import { db } from "./prisma";
import { credentialColumns, openCredential, tierInclude, type TierSecrets } from "./tier-repo";
import type { DbClient } from "./user-repo";

export const policyInclude = {
  tiers: { orderBy: { position: "asc" }, include: { tier: { select: { name: true } } } },
  rules: { orderBy: { position: "asc" }, include: { targetTier: { select: { name: true } } } },
} as const satisfies Prisma.PolicyInclude;

export type PolicyRow = Prisma.PolicyGetPayload<{ include: typeof policyInclude }>;
export type TierRow = Prisma.TierGetPayload<{ include: typeof tierInclude }>;

export async function readConfigRows(client: DbClient = db) {
  const [tiers, policies] = await Promise.all([
    client.tier.findMany({ orderBy: [{ rank: "asc" }, { name: "asc" }], include: tierInclude }),
    client.policy.findMany({ orderBy: { name: "asc" }, include: policyInclude }),
  ]);
  return { tiers, policies };
}

/** Tier secrets, decrypted, for the gateway only (never returned by an API). */
export async function readTierSecrets(): Promise<Map<string, TierSecrets>> {
  const rows = await db.tier.findMany({
    where: { credentialId: { not: null } },
    select: { name: true, credential: { select: credentialColumns } },
  });
  return new Map(rows.filter((r) => r.credential).map((r) => [r.name, openCredential(r.name, r.credential)]));
}

/** Tells every gateway instance (LISTEN frontdesk_config) to reload; delivered on commit. */
export async function notifyConfigChanged(client: DbClient, what: string) {
  await client.$executeRaw`SELECT pg_notify('frontdesk_config', ${JSON.stringify({ what, at: Date.now() })})`;
}

/** Config changes take turns (one advisory lock), so two applies never interleave. */
export function inConfigTransaction<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('frontdesk_config'))`;
      return fn(tx);
    },
    { timeout: 20_000 },
  );
}

/** Each policy's active classifier artifact (null where the policy uses the built-in scorer). */
export async function readActiveClassifiers(): Promise<Array<{ policyName: string; versionId: string; artifact: unknown }>> {
  const rows = await db.policy.findMany({
    where: { activeClassifierVersionId: { not: null } },
    select: { name: true, activeClassifier: { select: { id: true, artifact: true } } },
  });
  return rows.filter((r) => r.activeClassifier).map((r) => ({ policyName: r.name, versionId: r.activeClassifier!.id, artifact: r.activeClassifier!.artifact }));
}

/** Month-to-date spend per API key (for budget caps), from the request log. */
export async function readMonthSpend(since: Date): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<Array<{ apiKeyId: string; usd: number }>>`
    SELECT "apiKeyId", SUM("costUsd")::float8 AS usd FROM "RequestLog"
    WHERE "createdAt" >= ${since} AND "apiKeyId" IS NOT NULL
      AND "apiKeyId" IN (SELECT id FROM "ApiKey" WHERE "monthlyBudgetUsd" IS NOT NULL AND "revokedAt" IS NULL)
    GROUP BY "apiKeyId"`;
  return new Map(rows.map((r) => [r.apiKeyId, r.usd]));
}
