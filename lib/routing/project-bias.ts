/**
 * What a bias position would do, replayed over a labeled sample: the engine's own decision rule
 * (speculative shortcut, then the expected-loss pick of choose-tier.ts with λ from
 * bias-to-lambda.ts) applied to each request's classifier output p, assuming every tier healthy.
 * Requests a rule catches keep the rule's tier at every bias. Quality = mean score of the chosen
 * tier; cost = mean expected USD cost (the tier's prices × the request's prompt tokens + its
 * completion tokens when logged — billed tokens — else the policy's expected output tokens), per 1,000 requests. Pure and cheap enough for every
 * slider move: 600 rows take about 2 ms per position, the 21-point curve about 20 ms (2-core box).
 */
import { decisionCosts, lambdaForBias, tierCostUsd } from "./bias-to-lambda";
import { checkSpeculative, topUsableIndex } from "./check-speculative";
import { chooseTier, notEnoughProbabilities } from "./choose-tier";
import type { PolicyConfig, TierConfig } from "./config-schema";
import { resolvePolicyTiers, type TierLookup } from "./policy-tiers";
import type { TierHealth } from "./types";

export type ProjectionRow = {
  /** The classifier's output for the policy's tiers: p[k-1] = P(needs a tier of index >= k). */
  p: number[];
  /** Quality of each policy tier's answer (0..1), in the policy's tier order. */
  score: number[];
  /** Prompt tokens as the engine estimates them (characters / 4). */
  promptTokens: number;
  /** Index of the policy tier a rule sends this request to (the bias does not matter then). */
  ruleTier?: number | null;
  /** Logged traffic: the tokens the upstream billed (prompt, completion) — the cost; else the
   *  engine's prompt estimate and the policy's expected output tokens. */
  billed?: { promptTokens: number; completionTokens: number };
};

export type Projection = {
  bias: number;
  /** Rows decided (rows without a usable tier are left out). */
  n: number;
  /** Share of the decided rows per policy tier; sums to 1 when n > 0. */
  shares: number[];
  /** Mean score of the chosen tier's answers. */
  quality: number;
  /** 1,000 × mean expected USD cost per request. */
  costPer1k: number;
};

export type TierBaseline = { tier: string; quality: number; costPer1k: number };

export const CURVE_STEP = 0.05;

const healthy = (): TierHealth => "healthy";

type Prepared = {
  resolved: Array<TierConfig | null>;
  top: number;
  /** Per row: expected cost on each tier (null: unusable), for the decision and for reporting. */
  decisionCosts: Array<Array<number | null>>;
  realCosts: Array<Array<number | null>>;
};

function prepare(sample: readonly ProjectionRow[], policy: PolicyConfig, tiers: TierLookup): Prepared {
  const resolved = resolvePolicyTiers(policy, tiers);
  return {
    resolved,
    top: topUsableIndex(resolved),
    decisionCosts: sample.map((row) => decisionCosts(policy, resolved, row.promptTokens).costs),
    realCosts: sample.map((row) => resolved.map((t) => (t ? (row.billed ? tierCostUsd(t, row.billed.promptTokens, row.billed.completionTokens) : tierCostUsd(t, row.promptTokens, policy.expectedOutputTokens)) : null))),
  };
}

function pick(row: ProjectionRow, i: number, prep: Prepared, policy: PolicyConfig, lambda: number): number {
  if (row.ruleTier !== undefined && row.ruleTier !== null && prep.resolved[row.ruleTier]) return row.ruleTier;
  if (checkSpeculative(policy, prep.resolved, row.p, healthy).skip) return prep.top;
  return chooseTier(notEnoughProbabilities(row.p, prep.resolved.length), prep.decisionCosts[i]!, lambda).index;
}

function project(sample: readonly ProjectionRow[], policy: PolicyConfig, prep: Prepared, bias: number): Projection {
  const lambda = lambdaForBias(policy, prep.resolved, bias);
  const counts = prep.resolved.map(() => 0);
  let n = 0;
  let quality = 0;
  let cost = 0;
  sample.forEach((row, i) => {
    const k = pick(row, i, prep, policy, lambda);
    if (k < 0) return;
    n += 1;
    counts[k]! += 1;
    quality += row.score[k] ?? 0;
    cost += prep.realCosts[i]![k] ?? 0;
  });
  return {
    bias,
    n,
    shares: counts.map((c) => (n ? c / n : 0)),
    quality: n ? quality / n : 0,
    costPer1k: n ? (1000 * cost) / n : 0,
  };
}

/** The projection at one bias position (the policy's own bias is ignored). */
export function projectBias(sample: readonly ProjectionRow[], policy: PolicyConfig, tiers: TierLookup, bias: number): Projection {
  return project(sample, policy, prepare(sample, policy, tiers), bias);
}

/** The cost–quality curve: the projection at bias 0, 0.05, …, 1. */
export function projectCurve(sample: readonly ProjectionRow[], policy: PolicyConfig, tiers: TierLookup, step = CURVE_STEP): Projection[] {
  const prep = prepare(sample, policy, tiers);
  const points = Math.round(1 / step);
  return Array.from({ length: points + 1 }, (_, i) => project(sample, policy, prep, Number((i * step).toFixed(6))));
}

/** "Always tier k" for each usable tier: the ends of the trade-off, for reference. */
export function tierBaselines(sample: readonly ProjectionRow[], policy: PolicyConfig, tiers: TierLookup): TierBaseline[] {
  const prep = prepare(sample, policy, tiers);
  return prep.resolved.flatMap((tier, k) => {
    if (!tier || sample.length === 0) return [];
    const quality = sample.reduce((sum, row) => sum + (row.score[k] ?? 0), 0) / sample.length;
    const cost = prep.realCosts.reduce((sum, costs) => sum + (costs[k] ?? 0), 0) / sample.length;
    return [{ tier: tier.name, quality, costPer1k: 1000 * cost }];
  });
}
