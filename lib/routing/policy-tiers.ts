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
  return resolved.flatMap((tier) => (tier ? [tier.name] : []));
}

const HEALTH_RANK: Record<TierHealth, number> = { healthy: 0, degraded: 1, unhealthy: 2 };

/** Stable sort: healthy first, then degraded (half-open), then unhealthy (open breaker). */
export function byHealth(names: readonly string[], health: (tier: string) => TierHealth): string[] {
  return names
    .map((name, i) => ({ name, i, rank: HEALTH_RANK[health(name)] }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((entry) => entry.name);
}

export function isAvailable(health: TierHealth): boolean {
  return health !== "unhealthy";
}
