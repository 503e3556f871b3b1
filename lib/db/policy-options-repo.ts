/**
 * Policy names with their tiers (cheapest first): the choices of the console's policy and tier
 * selects (API keys, labeling filters). Small: no rules, no settings.
 */
import { db } from "./prisma";

export type PolicyOption = { name: string; isDefault: boolean; tiers: string[] };

export async function listPolicyOptions(): Promise<PolicyOption[]> {
  const rows = await db.policy.findMany({
    select: { name: true, isDefault: true, tiers: { orderBy: { position: "asc" }, select: { tier: { select: { name: true } } } } },
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
  });
  return rows.map((p) => ({ name: p.name, isDefault: p.isDefault, tiers: p.tiers.map((t) => t.tier.name) }));
}
