/**
 * The seeded demo setup (prisma/seed.ts DEMO_TIERS, policies "default", "three-tier" and the support desk) as an
 * in-memory GatewayConfig, for tests and benchmarks that must not touch the database's config.
 * Like the seed, both policies have the demo rules and "default" uses the shipped classifier
 * (lib/classifier/default-model.json).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createHeuristicClassifier } from "../classifier/heuristic-scorer";
import { loadClassifier } from "../classifier/load-classifier";
import type { TierClassifier } from "../classifier/types";
import type { GatewayConfig } from "../config/load-gateway-config";
import { resolveReplay } from "../providers/replay-datasets";
import type { ProviderTarget } from "../providers/types";
import { buildSnapshot } from "../routing/build-snapshot";
import { configFileSchema } from "../routing/config-schema";
import { DEMO_EXPLORE, DEMO_RULES, DEMO_SHADOW, DEMO_SUPPORT_POLICY, DEMO_TIERS, demoOptions } from "./demo-tiers";

export function demoGatewayConfig(): GatewayConfig {
  const file = configFileSchema.parse({
    tiers: DEMO_TIERS.map(({ latency: _l, errorRate: _e, rank: _r, ...t }) => ({ ...t, provider: "simulated", options: demoOptions(DEMO_TIERS.find((d) => d.name === t.name)!) })),
    policies: [
      { name: "default", tiers: ["fast", "capable"], rules: DEMO_RULES },
      { name: "three-tier", tiers: ["fast", "balanced", "capable"], rules: DEMO_RULES },
      { name: DEMO_SUPPORT_POLICY, tiers: ["fast", "capable"], rules: DEMO_RULES, explore: DEMO_EXPLORE, shadow: DEMO_SHADOW },
    ],
  });
  const shipped = path.resolve(import.meta.dirname, "../classifier/default-model.json");
  const classifiers: Record<string, TierClassifier> = existsSync(shipped) ? { default: loadClassifier(JSON.parse(readFileSync(shipped, "utf8"))) } : {};
  const snapshot = buildSnapshot({ tiers: file.tiers, policies: file.policies, defaultPolicy: "default", classifiers, heuristic: createHeuristicClassifier });
  const targets = new Map<string, ProviderTarget>(
    file.tiers.map((t) => [t.name, { name: t.name, provider: t.provider, model: t.model, timeoutMs: t.timeoutMs, options: resolveReplay(t.options, () => {}) }]),
  );
  return { snapshot, targets, keysByHash: new Map(), tierIds: new Map(), policyIds: new Map(), warnings: [], loadedAt: Date.now() };
}
