/**
 * What decide() reads of a policy that depends on the config alone — its resolved tiers, the
 * usable names, λ at the policy's bias, the constant parts of its sentences — worked out once per
 * policy and tier table instead of on every request. Keyed by the config's own objects in
 * WeakMaps: a config reload or a draft snapshot brings new objects, so nothing goes stale and
 * the old entries go with the old config.
 */
import { lambdaForBias } from "./bias-to-lambda";
import type { PolicyConfig, TierConfig } from "./config-schema";
import { resolvePolicyTiers, usableTierNames } from "./policy-tiers";

export type PreparedPolicy = {
  /** resolvePolicyTiers: never to be modified (shared by every request). */
  readonly resolved: ReadonlyArray<TierConfig | null>;
  /** usableTierNames of `resolved`. */
  readonly usable: readonly string[];
  /** lambdaForBias at the policy's own bias, for `resolved`. */
  readonly lambda: number;
  /** "at bias 0.50", as the expected-loss sentences say it. */
  readonly atBias: string;
};

const prepared = new WeakMap<PolicyConfig, WeakMap<ReadonlyMap<string, TierConfig>, PreparedPolicy>>();

export function preparePolicy(policy: PolicyConfig, tiers: ReadonlyMap<string, TierConfig>): PreparedPolicy {
  let byTiers = prepared.get(policy);
  if (!byTiers) prepared.set(policy, (byTiers = new WeakMap()));
  let entry = byTiers.get(tiers);
  if (!entry) {
    const resolved = resolvePolicyTiers(policy, tiers);
    entry = { resolved, usable: usableTierNames(resolved), lambda: lambdaForBias(policy, resolved, policy.bias), atBias: `at bias ${policy.bias.toFixed(2)}` };
    byTiers.set(tiers, entry);
  }
  return entry;
}
