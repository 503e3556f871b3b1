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
  if (tiers.length === 0) return null;
  const topFirst = mode === "quality-first";
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[topFirst ? tiers.length - 1 - i : i]!;
    if (isAvailable(health(tier))) return tier;
  }
  return tiers[topFirst ? tiers.length - 1 : 0]!;
}

/** The cheapest available tier (budget downgrade). */
export function cheapestTier(tiers: readonly string[], health: Health): string | null {
  return policyDefaultTier(tiers, "cost-first", health);
}

export function fallbackChain(tiers: readonly string[], from: string, health: Health, exclude?: Iterable<string>): string[] {
  const skip = exclude ? new Set(exclude) : null;
  const at = tiers.indexOf(from);
  const candidates: string[] = [];
  for (let i = at + 1; i < tiers.length; i++) take(candidates, tiers[i]!, from, skip); // above, nearest first (all of them when `from` is not listed)
  for (let i = at - 1; i >= 0; i--) take(candidates, tiers[i]!, from, skip); // then below, nearest first
  return byHealth(candidates, health);
}

function take(candidates: string[], tier: string, from: string, skip: ReadonlySet<string> | null): void {
  if (tier !== from && !skip?.has(tier) && !candidates.includes(tier)) candidates.push(tier);
}

/** The next available tier above `from` in the policy's order (escalation, hedging), or null. */
export function nextTierUp(tiers: readonly string[], from: string, health: Health): string | null {
  const at = tiers.indexOf(from);
  if (at < 0) return null;
  for (let i = at + 1; i < tiers.length; i++) if (isAvailable(health(tiers[i]!))) return tiers[i]!;
  return null;
}

export type UpstreamError = { status?: number; timeout?: boolean; connection?: boolean };

export function shouldFallBack(error: UpstreamError, on: FallbackOn): boolean {
  if (error.timeout) return on.timeouts;
  if (error.connection) return on.connectionErrors;
  return error.status !== undefined && on.statuses.includes(error.status);
}
