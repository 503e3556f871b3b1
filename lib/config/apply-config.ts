/**
 * `frontdesk config apply` and POST /api/admin/config: make the tiers and policies named in a
 * config file match it (create or update; a policy's rules are replaced as listed). Others are
 * left alone unless `prune`. A tier's apiKey and options.headers are stored encrypted and never
 * exported (tier-secrets.ts); a tier whose base URL changes loses them unless the file gives them. Each change needs the permission the console asks for it (config-permissions.ts).
 * An invalid file is refused whole with every problem by path;
 * a valid one lands in one transaction with an audit entry and a reload notice to every gateway.
 */
import type { Prisma } from "../db/generated/client";
import { recordAudit, type Actor } from "../db/audit-repo";
import { inConfigTransaction, notifyConfigChanged, readConfigRows, type TierRow } from "../db/config-repo";
import { NO_SECRETS, readStoredSecrets, saveTierSecrets } from "../db/tier-repo";
import { AppError } from "../http/app-error";
import type { ConfigFile, PolicyConfig, TierConfig } from "../routing/config-schema";
import { formatProblem, parseConfigFile } from "../routing/validate-config";
import { configFromRows, tierToRow, tierFromRow } from "./config-from-rows";
import { forbiddenChanges, type ConfigPermission } from "./config-permissions";
import { keptDeployments, nextSecrets, splitSecrets, touchesSecrets } from "./tier-secrets";
import { movesUpstream } from "./upstream-moved";

export type ApplySummary = {
  tiers: { created: string[]; updated: string[]; deleted: string[] };
  policies: { created: string[]; updated: string[]; deleted: string[] };
  defaultPolicy: string | null;
};

const FALLBACK_TO_DB = { "quality-first": "quality_first", "cost-first": "cost_first" } as const;

function json(value: unknown) {
  return value as Prisma.InputJsonValue;
}

/** Creates or updates the tier; stored secrets stay only while the base URL does (upstream-moved.ts). */
async function upsertTier(tx: Prisma.TransactionClient, input: TierConfig, rank: number, stored: TierRow | undefined) {
  const { tier, secrets } = splitSecrets(input);
  const data = { rank, ...tierToRow(tier) };
  const saved = await tx.tier.upsert({ where: { name: tier.name }, create: { name: tier.name, ...data }, update: data });
  const moved = !!stored && movesUpstream(stored.baseUrl, tier.baseUrl);
  const deployments = keptDeployments(stored ? tierFromRow(stored).deployments : [], tier.deployments);
  if (touchesSecrets(secrets) || ((moved || deployments.changed) && stored?.credential)) {
    const current = !stored?.credential ? NO_SECRETS : await readStoredSecrets(saved.id, tx);
    await saveTierSecrets(saved.id, tier.name, nextSecrets(current, secrets, moved, deployments.kept), tx);
  }
  return saved;
}

async function upsertPolicy(tx: Prisma.TransactionClient, policy: PolicyConfig, tierIds: Map<string, string>) {
  const data = {
    description: policy.description ?? "",
    bias: policy.bias,
    fallback: FALLBACK_TO_DB[policy.fallback],
    escalation: json(policy.escalation),
    hedging: json(policy.hedging),
    speculative: json(policy.speculative),
    fallbackOn: json(policy.fallbackOn),
    labeling: json(policy.labeling),
    intent: json(policy.intent),
    explore: json(policy.explore),
    shadow: json(policy.shadow),
    verdict: json(policy.verdict),
    storePrompts: policy.storePrompts,
    expectedOutputTokens: policy.expectedOutputTokens,
    referencePromptTokens: policy.referencePromptTokens,
    regexInputChars: policy.regexInputChars,
  };
  const saved = await tx.policy.upsert({ where: { name: policy.name }, create: { name: policy.name, ...data }, update: data });
  await tx.rule.deleteMany({ where: { policyId: saved.id } });
  await tx.policyTier.deleteMany({ where: { policyId: saved.id } });
  await tx.policyTier.createMany({ data: policy.tiers.map((t, position) => ({ policyId: saved.id, tierId: tierIds.get(t)!, position })) });
  await tx.rule.createMany({
    data: policy.rules.map((r, position) => ({
      policyId: saved.id,
      name: r.name,
      position,
      match: json(r.match),
      targetTierId: tierIds.get(r.tier)!,
      enabled: r.enabled,
    })),
  });
}

function validate(input: unknown, existing: { tiers: string[]; policies: string[]; embeddingTiers: string[] }, prune: boolean): ConfigFile {
  // With prune, everything not in the file goes: the file must stand on its own.
  const result = parseConfigFile(input, prune ? [] : existing.tiers, prune ? [] : existing.policies, prune ? [] : existing.embeddingTiers);
  if (!result.ok) {
    const issues = result.problems;
    throw new AppError("bad_request", `The config has ${issues.length} problem(s): ${issues.map(formatProblem).join("; ")}`, { issues });
  }
  return result.config;
}

export type ApplyOptions = {
  prune?: boolean;
  actor: Actor;
  /**
   * The caller's permissions (the route: the session's role; the CLI, which holds the database
   * URL anyway: everything). A change it does not allow refuses the whole file (403).
   */
  can: (permission: ConfigPermission) => boolean;
};

function checkPermissions(before: Parameters<typeof configFromRows>[0], file: ConfigFile, opts: ApplyOptions) {
  const refused = forbiddenChanges(configFromRows(before), file, !!opts.prune, opts.can);
  if (refused.length === 0) return;
  const issues = refused.map((c) => ({ path: c.path, message: `${c.message}: needs ${c.permission}` }));
  const needs = [...new Set(refused.map((c) => c.permission))].join(", ");
  throw new AppError("forbidden", `Your role may not make ${refused.length} change(s) in this file (needs ${needs}); nothing was applied: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, { issues });
}

export async function applyConfig(input: unknown, opts: ApplyOptions): Promise<ApplySummary> {
  return inConfigTransaction(async (tx) => {
    const before = await readConfigRows(tx);
    const names = {
      tiers: before.tiers.map((t) => t.name),
      policies: before.policies.map((p) => p.name),
      embeddingTiers: before.tiers.filter((t) => t.kind === "embeddings").map((t) => t.name),
    };
    const file = validate(input, names, !!opts.prune);
    checkPermissions(before, file, opts);
    const summary: ApplySummary = {
      tiers: { created: [], updated: [], deleted: [] },
      policies: { created: [], updated: [], deleted: [] },
      defaultPolicy: null,
    };
    const tierIds = new Map(before.tiers.map((t) => [t.name, t.id]));
    for (const [rank, tier] of file.tiers.entries()) {
      (tierIds.has(tier.name) ? summary.tiers.updated : summary.tiers.created).push(tier.name);
      tierIds.set(tier.name, (await upsertTier(tx, tier, rank, before.tiers.find((t) => t.name === tier.name))).id);
    }
    for (const policy of file.policies) {
      (names.policies.includes(policy.name) ? summary.policies.updated : summary.policies.created).push(policy.name);
      await upsertPolicy(tx, policy, tierIds);
    }
    if (opts.prune) {
      const keepPolicies = file.policies.map((p) => p.name);
      const keepTiers = file.tiers.map((t) => t.name);
      summary.policies.deleted = names.policies.filter((n) => !keepPolicies.includes(n));
      summary.tiers.deleted = names.tiers.filter((n) => !keepTiers.includes(n));
      await tx.policy.deleteMany({ where: { name: { in: summary.policies.deleted } } });
      await tx.tier.deleteMany({ where: { name: { in: summary.tiers.deleted } } });
      // Their secrets go with them (a credential belongs to one tier: "tier:<name>").
      await tx.providerCredential.deleteMany({ where: { name: { in: summary.tiers.deleted.map((n) => `tier:${n}`) }, tiers: { none: {} } } });
    }
    summary.defaultPolicy = await settleDefaultPolicy(tx, file.defaultPolicy);
    const after = await readConfigRows(tx);
    await recordAudit(opts.actor, { action: "config.apply", targetType: "config", before: configFromRows(before), after: configFromRows(after) }, tx);
    await notifyConfigChanged(tx, "config.apply");
    return summary;
  });
}

/** The named policy becomes the default; without one, keep the current default or take the first. */
async function settleDefaultPolicy(tx: Prisma.TransactionClient, requested: string | undefined): Promise<string | null> {
  if (requested) {
    await tx.policy.updateMany({ where: { name: { not: requested } }, data: { isDefault: false } });
    await tx.policy.update({ where: { name: requested }, data: { isDefault: true } });
    return requested;
  }
  const current = await tx.policy.findFirst({ where: { isDefault: true }, select: { name: true } });
  if (current) return current.name;
  const first = await tx.policy.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true, name: true } });
  if (!first) return null;
  await tx.policy.update({ where: { id: first.id }, data: { isDefault: true } });
  return first.name;
}

/** The config as a file: secrets never in it; a tier's empty `deployments` left out (the default). */
export async function exportConfig(): Promise<ConfigFile> {
  const file = configFromRows(await readConfigRows());
  return { ...file, tiers: file.tiers.map(({ deployments, ...t }) => (deployments.length ? { ...t, deployments } : t) as ConfigFile["tiers"][number]) };
}
