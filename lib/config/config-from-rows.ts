/**
 * Database rows ↔ the config-as-code shape (lib/routing/config-schema.ts). Secrets are never
 * part of it: a tier's apiKey and options.headers are write-only (tier-secrets.ts).
 */
import type { PolicyRow, TierRow } from "../db/config-repo";
import type { Prisma } from "../db/generated/client";
import type { TierData } from "../db/tier-repo";
import type { ConfigFile, PolicyConfig, RuleConfig, TierConfig } from "../routing/config-schema";
import { policySchema, tierSchema } from "../routing/config-schema";

const FALLBACK_FROM_DB = { quality_first: "quality-first", cost_first: "cost-first" } as const;

export function tierFromRow(row: TierRow): TierConfig {
  // Headers live in the tier's credential; a row from before that (encrypt-stored-secrets.ts
  // moves them at start) must not show its plaintext headers either.
  const { headers: _secret, ...options } = (row.options ?? {}) as Record<string, unknown>;
  return tierSchema.parse({
    name: row.name,
    kind: row.kind,
    provider: row.provider,
    baseUrl: row.baseUrl ?? undefined,
    model: row.model,
    inputUsdPerMTok: row.inputUsdPerMTok,
    outputUsdPerMTok: row.outputUsdPerMTok,
    timeoutMs: row.timeoutMs,
    enabled: row.enabled,
    options,
    capabilities: row.capabilities ?? {},
    deployments: row.deployments ?? [],
  });
}

/** A tier's columns (all but name, rank and credential) from its config. */
export function tierToRow(tier: TierConfig): TierData {
  return {
    kind: tier.kind,
    provider: tier.provider,
    baseUrl: tier.baseUrl ?? null,
    model: tier.model,
    inputUsdPerMTok: tier.inputUsdPerMTok,
    outputUsdPerMTok: tier.outputUsdPerMTok,
    timeoutMs: tier.timeoutMs,
    enabled: tier.enabled,
    options: tier.options as Prisma.InputJsonValue,
    capabilities: tier.capabilities,
    // keys never here: they live in the credential (tier-secrets.ts)
    deployments: tier.deployments.map(({ apiKey: _secret, ...d }) => d),
  };
}

export function policyFromRow(row: PolicyRow): PolicyConfig {
  const rules: RuleConfig[] = row.rules.map((r) => ({
    name: r.name,
    match: r.match as RuleConfig["match"],
    tier: r.targetTier.name,
    enabled: r.enabled,
  }));
  return policySchema.parse({
    name: row.name,
    description: row.description || undefined,
    tiers: row.tiers.map((t) => t.tier.name),
    bias: row.bias,
    fallback: FALLBACK_FROM_DB[row.fallback],
    escalation: row.escalation,
    hedging: row.hedging,
    speculative: row.speculative,
    fallbackOn: row.fallbackOn,
    labeling: row.labeling,
    intent: row.intent,
    explore: row.explore,
    shadow: row.shadow,
    verdict: row.verdict,
    storePrompts: row.storePrompts,
    expectedOutputTokens: row.expectedOutputTokens,
    referencePromptTokens: row.referencePromptTokens,
    regexInputChars: row.regexInputChars,
    rules,
  });
}

export function configFromRows(rows: { tiers: TierRow[]; policies: PolicyRow[] }): ConfigFile {
  const defaultPolicy = rows.policies.find((p) => p.isDefault)?.name;
  return {
    tiers: rows.tiers.map(tierFromRow),
    policies: rows.policies.map(policyFromRow),
    ...(defaultPolicy ? { defaultPolicy } : {}),
  };
}
