/**
 * The bias slider → λ, the USD price the policy puts on a wrong answer (a request sent to a tier
 * that is not enough). choose-tier.ts picks the usable tier k minimizing c_k + λ·q_k, with c_k
 * the request's expected cost on tier k and q_k = P(tier k is not enough). For two tiers this is
 * a threshold: escalate when p ≥ (c_1 − c_0) / λ.
 *
 * The mapping, log-linear in λ on each half of the slider, anchored per policy:
 *   Δ_ref = c_top − c_bottom for a reference request (policy.referencePromptTokens prompt
 *           tokens + policy.expectedOutputTokens output tokens);  λ_0 = 2·Δ_ref
 *   λ(b) = λ_0 · 2^(2b − 1)    for b ≤ 0.5   b = 0: λ = Δ_ref, threshold 1 (cost first)
 *   λ(b) = λ_0 · 50^(2b − 1)   for b ≥ 0.5   b = 1: λ = 100·Δ_ref, threshold 0.01 (quality first)
 * so at b = 0.5 a two-tier policy escalates a reference-size request exactly when p ≥ 0.5.
 * Bigger requests cost more to escalate, so their thresholds are proportionally higher.
 * When tier prices are equal (or all zero) a nominal cost ladder (1 µUSD per step, scaled by
 * request size) stands in, so the slider keeps its meaning.
 */
import type { PolicyConfig, TierConfig } from "./config-schema";
import { resolvePolicyTiers, type TierLookup } from "./policy-tiers";
import type { Thresholds } from "./types";

export const LOW_HALF_SPAN = 2;
export const HIGH_HALF_SPAN = 50;
const NOMINAL_STEP_USD = 1e-6;

export type DecisionCosts = { costs: Array<number | null>; nominal: boolean };

export function tierCostUsd(tier: TierConfig, promptTokens: number, outputTokens: number): number {
  return (promptTokens * tier.inputUsdPerMTok + outputTokens * tier.outputUsdPerMTok) / 1e6;
}

/**
 * Expected cost per configured policy tier (null: unusable), with the nominal ladder fallback.
 * `promptTokens`: one size for every tier (an estimate), or each tier's own count (its tokenizer).
 */
export function decisionCosts(policy: PolicyConfig, resolved: ReadonlyArray<TierConfig | null>, promptTokens: number | ReadonlyArray<number | null>): DecisionCosts {
  const out = policy.expectedOutputTokens;
  const costs = new Array<number | null>(resolved.length);
  let usable = 0;
  let first = 0;
  let last = 0;
  for (let k = 0; k < resolved.length; k++) {
    const tier = resolved[k];
    const cost = tier ? tierCostUsd(tier, typeof promptTokens === "number" ? promptTokens : (promptTokens[k] ?? 0), out) : null;
    costs[k] = cost;
    if (cost === null) continue;
    if (usable++ === 0) first = cost;
    last = cost;
  }
  if (usable < 2 || last - first > 0) return { costs, nominal: false };
  const size = typeof promptTokens === "number" ? promptTokens : Math.max(0, ...promptTokens.map((t) => t ?? 0));
  const scale = (size + out) / (policy.referencePromptTokens + out);
  let step = 0;
  for (let k = 0; k < costs.length; k++) if (costs[k] !== null) costs[k] = step++ * NOMINAL_STEP_USD * scale;
  return { costs, nominal: true };
}

/** λ in USD for a bias in [0, 1] (clamped). 0 when the policy has fewer than two usable tiers. */
export function lambdaForBias(policy: PolicyConfig, resolved: ReadonlyArray<TierConfig | null>, bias: number): number {
  const { costs } = decisionCosts(policy, resolved, policy.referencePromptTokens);
  const usable = costs.filter((c): c is number => c !== null);
  if (usable.length < 2) return 0;
  const lambda0 = 2 * (usable[usable.length - 1] - usable[0]);
  const b = Math.min(1, Math.max(0, bias));
  return b <= 0.5 ? lambda0 * LOW_HALF_SPAN ** (2 * b - 1) : lambda0 * HIGH_HALF_SPAN ** (2 * b - 1);
}

/**
 * The effective thresholds at `bias` for a request of `requestSize.promptTokens` (default: the
 * policy's reference size), for the console to explain the slider and for the decision record.
 */
export function thresholdsForBias(
  policy: PolicyConfig,
  tiers: TierLookup,
  bias: number = policy.bias,
  requestSize?: { promptTokens: number },
): Thresholds {
  const resolved = resolvePolicyTiers(policy, tiers);
  const promptTokens = requestSize?.promptTokens ?? policy.referencePromptTokens;
  const lambdaUsd = lambdaForBias(policy, resolved, bias);
  const { costs, nominal } = decisionCosts(policy, resolved, promptTokens);
  return buildThresholds(policy, resolved, costs, nominal, lambdaUsd, bias, promptTokens);
}

export function buildThresholds(
  policy: PolicyConfig,
  resolved: ReadonlyArray<TierConfig | null>,
  costs: ReadonlyArray<number | null>,
  nominalCosts: boolean,
  lambdaUsd: number,
  bias: number,
  promptTokens: number,
): Thresholds {
  const steps: Thresholds["steps"] = [];
  let prev = -1;
  for (let k = 0; k < resolved.length; k++) {
    const tier = resolved[k];
    if (!tier) continue;
    if (prev >= 0) {
      const costDeltaUsd = (costs[k] as number) - (costs[prev] as number);
      steps.push({ from: resolved[prev]!.name, to: tier.name, costDeltaUsd, minProbability: costDeltaUsd / lambdaUsd });
    }
    prev = k;
  }
  return {
    bias,
    lambdaUsd,
    promptTokens,
    nominalCosts,
    steps,
    speculative: policy.speculative.enabled ? policy.speculative.threshold : null,
    hedgeBand: policy.hedging.enabled ? policy.hedging.band : null,
  };
}
