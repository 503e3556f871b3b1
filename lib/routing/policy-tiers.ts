/**
 * A policy's tiers as the engine sees them: configured order (cheapest → most capable), with
 * unknown or disabled tiers marked unusable, and health-aware orderings.
 */
import type { PolicyConfig, TierConfig } from "./config-schema";
import type { TierHealth } from "./types";

export type TierLookup = ReadonlyMap<string, TierConfig> | readonly TierConfig[];

function lookup(tiers: TierLookup, name: string): TierConfig | undefined {
  return "get" in tiers ? tiers.get(name) : tiers.find((t) => t.name === name);
}

/** Per configured policy tier: its config, or null when it is unknown or disabled. */
export function resolvePolicyTiers(policy: PolicyConfig, tiers: TierLookup): Array<TierConfig | null> {
  return policy.tiers.map((name) => {
    const tier = lookup(tiers, name);
    return tier && tier.enabled ? tier : null;
  });
}

export function usableTierNames(resolved: ReadonlyArray<TierConfig | null>): string[] {
  const names: string[] = [];
  for (const tier of resolved) if (tier) names.push(tier.name);
  return names;
}

const HEALTH_RANK: Record<TierHealth, number> = { healthy: 0, degraded: 1, unhealthy: 2 };

/** Stable sort: healthy first, then degraded (half-open), then unhealthy (open breaker). Asks each tier's health once. */
export function byHealth(names: readonly string[], health: (tier: string) => TierHealth): string[] {
  const ranks = new Array<number>(names.length);
  let worst = 0;
  for (let i = 0; i < names.length; i++) {
    ranks[i] = HEALTH_RANK[health(names[i]!)];
    if (ranks[i]! > worst) worst = ranks[i]!;
  }
  if (worst === 0) return names.slice();
  const sorted: string[] = [];
  for (let rank = 0; rank <= worst; rank++) for (let i = 0; i < names.length; i++) if (ranks[i] === rank) sorted.push(names[i]!);
  return sorted;
}

export function isAvailable(health: TierHealth): boolean {
  return health !== "unhealthy";
}
