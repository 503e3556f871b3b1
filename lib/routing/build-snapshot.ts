/**
 * Builds the immutable ConfigSnapshot the gateway keeps in memory: tiers and policies by name,
 * rules compiled once (regex set, keywords, FAQ tokens), and the classifier per policy with the
 * built-in heuristic always present as the fallback. Never throws on a bad rule: the rule is
 * marked and reported in `warnings`, and skipped at decision time with a trace note.
 */
import type { TierClassifier } from "@/lib/classifier/types";
import { compileRules, type CompiledRules } from "./compile-rules";
import type { PolicyConfig, TierConfig } from "./config-schema";
import type { ConfigSnapshot, HeuristicFactory } from "./types";

export type SnapshotInput = {
  tiers: readonly TierConfig[];
  policies: readonly PolicyConfig[];
  /** Defaults to the policy named "default", else the first policy. */
  defaultPolicy?: string;
  /** Trained classifiers by policy name. */
  classifiers?: Readonly<Record<string, TierClassifier | undefined>>;
  heuristic: HeuristicFactory;
};

export function buildSnapshot(input: SnapshotInput): ConfigSnapshot {
  const warnings: string[] = [];
  const policies = new Map(input.policies.map((p) => [p.name, p]));
  const compiled = new Map<string, CompiledRules>();
  for (const policy of input.policies) compiled.set(policy.name, compileRules(policy, warnings));
  const defaultPolicy = input.defaultPolicy ?? (policies.has("default") ? "default" : input.policies[0]?.name ?? "default");
  if (!policies.has(defaultPolicy)) warnings.push(`default policy "${defaultPolicy}" does not exist`);
  return {
    tiers: new Map(input.tiers.map((t) => [t.name, t])),
    policies,
    defaultPolicy,
    classifiers: new Map(Object.entries(input.classifiers ?? {})),
    heuristic: memoizeByTierCount(input.heuristic),
    compiled,
    warnings,
  };
}

/** The heuristic is built once per tier count, not once per request. */
function memoizeByTierCount(factory: HeuristicFactory): HeuristicFactory {
  const cache = new Map<number, TierClassifier>();
  return (tierCount) => {
    let classifier = cache.get(tierCount);
    if (!classifier) {
      classifier = factory(tierCount);
      cache.set(tierCount, classifier);
    }
    return classifier;
  };
}
