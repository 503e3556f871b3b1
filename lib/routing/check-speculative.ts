/**
 * Speculative routing: when the classifier is confident the request needs the most capable
 * tier — P(needs top) ≥ policy.speculative.threshold — the lower tiers are skipped entirely
 * (no cheap attempt, no escalation wait). Off by default: it overrides the bias slider for the
 * requests it catches, which is the point, but should be a conscious choice.
 */
import type { PolicyConfig, TierConfig } from "./config-schema";
import { isAvailable } from "./policy-tiers";
import type { TierHealth } from "./types";

/** Index of the most capable usable tier in the policy's configured order, or -1. */
export function topUsableIndex(resolved: ReadonlyArray<TierConfig | null>): number {
  for (let k = resolved.length - 1; k >= 0; k--) if (resolved[k]) return k;
  return -1;
}

export type SpeculativeVerdict =
  | { skip: true; tier: string; pTop: number }
  | { skip: false; pTop: number; why: string };

export function checkSpeculative(
  policy: PolicyConfig,
  resolved: ReadonlyArray<TierConfig | null>,
  p: readonly number[],
  health: (tier: string) => TierHealth,
): SpeculativeVerdict {
  const top = topUsableIndex(resolved);
  const pTop = top > 0 ? p[top - 1] ?? 0 : 0;
  const { enabled, threshold } = policy.speculative;
  if (!enabled) return { skip: false, pTop, why: "disabled" };
  if (top <= 0 || resolved.slice(0, top).every((t) => t === null)) return { skip: false, pTop, why: "no lower tier to skip" };
  if (pTop < threshold) return { skip: false, pTop, why: `P(needs top) = ${pTop.toFixed(2)} < ${threshold}` };
  const tier = resolved[top]!.name;
  if (!isAvailable(health(tier))) return { skip: false, pTop, why: `${tier} is unhealthy` };
  return { skip: true, tier, pTop };
}
