/**
 * Everything a gateway instance keeps in memory, read from Postgres in one go: the engine's
 * snapshot (with the shipped intent model when a policy uses the intent stage), provider targets
 * (with their secrets decrypted: key and extra headers), the API-key table, and ids for the request log. The gateway runtime holds it;
 * the console's test bench and projections load the same snapshot the gateway would.
 */
import { createHeuristicClassifier } from "../classifier/heuristic-scorer";
import { loadClassifier } from "../classifier/load-classifier";
import type { TierClassifier } from "../classifier/types";
import { readActiveKeysForGateway } from "../db/api-key-repo";
import { readActiveClassifiers, readConfigRows, readTierSecrets } from "../db/config-repo";
import type { DeploymentTarget, ProviderTarget } from "../providers/index";
import { resolveReplay } from "../providers/replay-datasets";
import { buildSnapshot } from "../routing/build-snapshot";
import type { DeploymentConfig } from "../routing/config-schema";
import type { ConfigSnapshot } from "../routing/types";
import { configFromRows } from "./config-from-rows";
import { shippedIntentModel } from "./shipped-intent-model";

export type GatewayKey = {
  id: string;
  name: string;
  prefix: string;
  policy: string | null;
  monthlyBudgetUsd: number | null;
  overBudget: "reject" | "downgrade";
  /** Requests per minute on each gateway instance; null = unlimited. */
  rateLimitPerMinute: number | null;
};

export type GatewayConfig = {
  snapshot: ConfigSnapshot;
  targets: Map<string, ProviderTarget>;
  keysByHash: Map<string, GatewayKey>;
  tierIds: Map<string, string>;
  policyIds: Map<string, string>;
  warnings: string[];
  loadedAt: number;
};

export async function loadGatewayConfig(): Promise<GatewayConfig> {
  const [rows, secrets, keys, classifierRows] = await Promise.all([readConfigRows(), readTierSecrets(), readActiveKeysForGateway(), readActiveClassifiers()]);
  const file = configFromRows(rows);
  const warnings: string[] = [];
  const classifiers: Record<string, TierClassifier> = {};
  for (const row of classifierRows) {
    try {
      classifiers[row.policyName] = loadClassifier(row.artifact);
    } catch (error) {
      warnings.push(`policy ${row.policyName}: classifier ${row.versionId} could not be loaded (${(error as Error).message}); using the built-in scorer`);
    }
  }
  let intentModel = null;
  if (file.policies.some((p) => p.intent.enabled)) {
    const shipped = shippedIntentModel();
    intentModel = shipped.model;
    if (shipped.error) warnings.push(shipped.error);
  }
  const snapshot = buildSnapshot({ tiers: file.tiers, policies: file.policies, defaultPolicy: file.defaultPolicy, classifiers, heuristic: createHeuristicClassifier, intentModel });
  const targets = new Map<string, ProviderTarget>(
    file.tiers.map((t) => {
      const target: ProviderTarget = {
        name: t.name,
        provider: t.provider,
        baseUrl: t.baseUrl,
        model: t.model,
        apiKey: secrets.get(t.name)?.apiKey ?? undefined,
        timeoutMs: t.timeoutMs,
        options:
          t.provider === "simulated"
            ? resolveReplay(t.options, (m) => warnings.push(`tier ${t.name}: ${m}`))
            : { ...t.options, headers: secrets.get(t.name)?.headers ?? {} },
      };
      if (t.deployments.length) target.deployments = deploymentTargets(target, t.deployments, secrets.get(t.name)?.deploymentKeys ?? {});
      return [t.name, target];
    }),
  );
  const keysByHash = new Map(
    keys.map((k) => [k.hash, { id: k.id, name: k.name, prefix: k.prefix, policy: k.policy?.name ?? null, monthlyBudgetUsd: k.monthlyBudgetUsd, overBudget: k.overBudget, rateLimitPerMinute: k.rateLimitPerMinute }]),
  );
  return {
    snapshot,
    targets,
    keysByHash,
    tierIds: new Map(rows.tiers.map((t) => [t.name, t.id])),
    policyIds: new Map(rows.policies.map((p) => [p.name, p.id])),
    warnings: [...snapshot.warnings, ...warnings],
    loadedAt: Date.now(),
  };
}

const originOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
};

/**
 * Each deployment's own target: its base URL, model and key. The tier's key and extra headers go
 * only to a deployment on the tier's own origin (a key is never sent to another address:
 * upstream-moved.ts); any other deployment calls with its own key or none.
 */
function deploymentTargets(tier: ProviderTarget, deployments: DeploymentConfig[], keys: Record<string, string>): DeploymentTarget[] {
  const home = originOf(tier.baseUrl);
  return deployments.map((d) => {
    const sameOrigin = home !== null && originOf(d.baseUrl) === home;
    const options = sameOrigin ? tier.options : { ...tier.options, headers: {} };
    const apiKey = keys[d.name] ?? (sameOrigin ? tier.apiKey : undefined);
    return { name: d.name, weight: d.weight, region: d.region, target: { ...tier, baseUrl: d.baseUrl, model: d.model ?? tier.model, apiKey, options } };
  });
}
