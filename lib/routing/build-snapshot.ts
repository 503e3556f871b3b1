/**
 * Builds the immutable ConfigSnapshot the gateway keeps in memory: tiers and policies by name,
 * rules compiled once (regex set, keywords, FAQ tokens), and the classifier per policy with the
 * built-in heuristic always present as the fallback. Never throws on a bad rule: the rule is
 * marked and reported in `warnings`, and skipped at decision time with a trace note.
 */
import type { IntentModel } from "../classifier/intent/types";
import type { TierClassifier } from "../classifier/types";
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
  /** The intent model; kept only when a policy enables the intent stage. */
  intentModel?: IntentModel | null;
};

export function buildSnapshot(input: SnapshotInput): ConfigSnapshot {
  const warnings: string[] = [];
  const policies = new Map(input.policies.map((p) => [p.name, p]));
  const compiled = new Map<string, CompiledRules>();
  for (const policy of input.policies) compiled.set(policy.name, compileRules(policy, warnings));
  const defaultPolicy = input.defaultPolicy ?? (policies.has("default") ? "default" : input.policies[0]?.name ?? "default");
  if (!policies.has(defaultPolicy)) warnings.push(`default policy "${defaultPolicy}" does not exist`);
  const intentModel = input.policies.some((p) => p.intent.enabled) ? (input.intentModel ?? null) : null;
  for (const policy of input.policies) checkIntentMap(policy, intentModel, warnings);
  return {
    tiers: new Map(input.tiers.map((t) => [t.name, t])),
    policies,
    defaultPolicy,
    classifiers: new Map(Object.entries(input.classifiers ?? {})),
    heuristic: memoizeByTierCount(input.heuristic),
    compiled,
    intentModel,
    warnings,
  };
}

/** Map keys the model cannot predict never match: reported, not fatal. */
function checkIntentMap(policy: PolicyConfig, model: IntentModel | null, warnings: string[]): void {
  if (!policy.intent.enabled) return;
  if (!model) {
    warnings.push(`policy ${policy.name}: the intent stage is enabled but no intent model is loaded; it is skipped`);
    return;
  }
  const intents = new Set(model.intents);
  const domains = new Set(model.domains);
  for (const key of Object.keys(policy.intent.map)) {
    const known = key.startsWith("domain:") ? domains.has(key.slice(7)) : intents.has(key);
    if (!known) warnings.push(`policy ${policy.name}: intent.map key "${key}" is not ${key.startsWith("domain:") ? "a domain" : "an intent"} of intent model ${model.id}`);
  }
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

/** The snapshot with one policy's rules replaced (a draft under test): only that policy's rules are compiled again. */
export function withPolicyRules(snapshot: ConfigSnapshot, policyName: string, rules: PolicyConfig["rules"]): ConfigSnapshot {
  const policy = snapshot.policies.get(policyName);
  if (!policy) return snapshot;
  const draft = { ...policy, rules };
  const warnings: string[] = [];
  const compiled = compileRules(draft, warnings);
  return {
    ...snapshot,
    policies: new Map([...snapshot.policies, [policyName, draft]]),
    compiled: new Map([...snapshot.compiled, [policyName, compiled]]),
    warnings: [...snapshot.warnings.filter((w) => !w.startsWith(`policy "${policyName}" rule `)), ...warnings],
  };
}
