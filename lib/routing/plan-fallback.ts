/**
 * Fallback planning.
 * - policyDefaultTier: where a request goes when the router is unsure or failing (the classifier
 *   threw): quality-first → the most capable available tier; cost-first → the cheapest.
 * - fallbackChain: the tiers to try, in order, after an upstream error on `from`: the tiers above
 *   it in the policy's order (nearest first), then those below (nearest first); never `from`,
 *   never twice; healthy tiers before half-open ones, open-breaker tiers last.
 * - shouldFallBack: whether an upstream error triggers the chain, per policy.fallbackOn.
 */
import type { FallbackMode, FallbackOn } from "./config-schema";
import { byHealth, isAvailable } from "./policy-tiers";
import type { TierHealth } from "./types";

type Health = (tier: string) => TierHealth;

/** `tiers`: the policy's usable tiers, cheapest first. Null only when `tiers` is empty. */
export function policyDefaultTier(tiers: readonly string[], mode: FallbackMode, health: Health): string | null {
  const ordered = mode === "quality-first" ? [...tiers].reverse() : [...tiers];
  return ordered.find((tier) => isAvailable(health(tier))) ?? ordered[0] ?? null;
}

/** The cheapest available tier (budget downgrade). */
export function cheapestTier(tiers: readonly string[], health: Health): string | null {
  return policyDefaultTier(tiers, "cost-first", health);
}

export function fallbackChain(tiers: readonly string[], from: string, health: Health, exclude: Iterable<string> = []): string[] {
  const skip = new Set([from, ...exclude]);
  const at = tiers.indexOf(from);
  const above = at < 0 ? [...tiers] : tiers.slice(at + 1);
  const below = at < 0 ? [] : tiers.slice(0, at).reverse();
  const candidates = [...new Set([...above, ...below])].filter((tier) => !skip.has(tier));
  return byHealth(candidates, health);
}

/** The next available tier above `from` in the policy's order (escalation, hedging), or null. */
export function nextTierUp(tiers: readonly string[], from: string, health: Health): string | null {
  const at = tiers.indexOf(from);
  if (at < 0) return null;
  return tiers.slice(at + 1).find((tier) => isAvailable(health(tier))) ?? null;
}

export type UpstreamError = { status?: number; timeout?: boolean; connection?: boolean };

export function shouldFallBack(error: UpstreamError, on: FallbackOn): boolean {
  if (error.timeout) return on.timeouts;
  if (error.connection) return on.connectionErrors;
  return error.status !== undefined && on.statuses.includes(error.status);
}
