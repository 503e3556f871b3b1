/**
 * Policy rows for the console (rules editor, bias and settings page). The row shape is
 * config-repo's `policyInclude`, so lib/config's policyFromRow turns it into a PolicyConfig.
 */
import type { Prisma } from "./generated/client";
import { policyInclude } from "./config-repo";
import { db } from "./prisma";
import type { DbClient } from "./user-repo";

const detailInclude = {
  ...policyInclude,
  activeClassifier: { select: { id: true, name: true } },
} as const satisfies Prisma.PolicyInclude;

export type PolicyDetailRow = Prisma.PolicyGetPayload<{ include: typeof detailInclude }>;

export function findPolicyRow(name: string, client: DbClient = db) {
  return client.policy.findUnique({ where: { name }, include: detailInclude });
}

export function listPolicyNames(client: DbClient = db) {
  return client.policy.findMany({ select: { name: true, isDefault: true }, orderBy: [{ isDefault: "desc" }, { name: "asc" }] });
}

export async function replacePolicyRules(
  policyId: string,
  rules: ReadonlyArray<{ name: string; match: Prisma.InputJsonValue; targetTierId: string; enabled: boolean }>,
  client: DbClient = db,
) {
  await client.rule.deleteMany({ where: { policyId } });
  await client.rule.createMany({ data: rules.map((r, position) => ({ policyId, position, ...r })) });
}

export type PolicySettingsData = {
  description: string;
  bias: number;
  fallback: "quality_first" | "cost_first";
  escalation: Prisma.InputJsonValue;
  hedging: Prisma.InputJsonValue;
  speculative: Prisma.InputJsonValue;
  intent: Prisma.InputJsonValue;
  explore: Prisma.InputJsonValue;
  shadow: Prisma.InputJsonValue;
  verdict: Prisma.InputJsonValue;
  storePrompts: boolean;
  expectedOutputTokens: number;
  referencePromptTokens: number;
};

export function updatePolicySettings(id: string, data: PolicySettingsData, client: DbClient = db) {
  return client.policy.update({ where: { id }, data, select: { id: true } });
}

export async function tierIdsByName(names: readonly string[], client: DbClient = db): Promise<Map<string, string>> {
  const rows = await client.tier.findMany({ where: { name: { in: [...names] } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.name, r.id]));
}
