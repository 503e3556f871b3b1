/**
 * Turns "this stage chose tier X" into a full Decision: the upstream-error fallback chain, the
 * escalation target, the hedge plan, the effective thresholds and the labeling flag. Shared by
 * every stage so that all decisions have the same shape.
 */
import { buildThresholds, decisionCosts, type DecisionCosts } from "./bias-to-lambda";
import type { PolicyConfig, TierConfig } from "./config-schema";
import { onlyChoice } from "./explore";
import { planHedge } from "./plan-hedge";
import { fallbackChain, nextTierUp } from "./plan-fallback";
import type { PromptTokenEstimate } from "./estimate-tokens";
import type { PreparedPolicy } from "./prepared-policy";
import type { RequestText } from "./request-text";
import type { Trace } from "./trace";
import type { ConfigSnapshot, Decision, EngineContext, IntentPrediction, Rejection, Scores, Stage } from "./types";

export type DecisionEnv = {
  snapshot: ConfigSnapshot;
  policy: PolicyConfig;
  /** The policy's config-only facts (prepared-policy.ts). */
  prepared: PreparedPolicy;
  /** Per configured policy tier: its config, or null when unknown, disabled or incapable (shared: never modified). */
  resolved: ReadonlyArray<TierConfig | null>;
  /** Usable tier names, cheapest first (shared: never modified). */
  usable: readonly string[];
  /** λ at the policy's bias for `resolved` (bias-to-lambda.ts). */
  lambda: number;
  /** Enabled tiers left out because they cannot serve this request (check-capabilities.ts). */
  incapable?: ReadonlySet<string>;
  text: RequestText;
  ctx: EngineContext;
  trace: Trace;
  /** The intent stage's prediction, once it ran (out of scope → the decision is uncertain). */
  intent?: IntentPrediction;
  /** This request's costs per tier and the policy's λ (computed once, on first use; again after countPrompt). */
  economics(): DecisionCosts & { lambda: number };
  /** Replaces a sampled prompt estimate by the full pass and prices the request with it (settle-prompt-tokens.ts). */
  refineEstimate(): PromptTokenEstimate;
  /** Prices the request with each tier's real prompt count instead of the estimate (settle-prompt-tokens.ts). */
  countPrompt(counts: ReadonlyArray<number | null>, encodings: string): void;
  /** The real counts once countPrompt ran. */
  counted?: { counts: ReadonlyArray<number | null>; encodings: string };
};

export type Chosen = {
  tier: string;
  stage: Stage;
  reason: string;
  rule?: string;
  scores?: Scores | null;
  uncertainty?: number;
  /** P(the chosen tier is not enough): drives hedging. */
  decidingProbability?: number | null;
  /** Escalation and hedging are off for budget downgrades, bypass and speculative picks. */
  canClimb: boolean;
  /** Bypass: the named tier only, no fallback chain. */
  noFallbacks?: boolean;
  /** Set by exploration (explore.ts); otherwise all on the chosen tier. */
  propensities?: number[];
  explored?: boolean;
};

type EnvBase = Omit<DecisionEnv, "economics" | "countPrompt" | "refineEstimate" | "intent" | "counted">;

/** One object per decision (a class: no spread copy of the base, no closure per method). */
class Env implements DecisionEnv {
  snapshot: ConfigSnapshot;
  policy: PolicyConfig;
  prepared: PreparedPolicy;
  resolved: ReadonlyArray<TierConfig | null>;
  usable: readonly string[];
  lambda: number;
  incapable?: ReadonlySet<string>;
  text: RequestText;
  ctx: EngineContext;
  trace: Trace;
  intent?: IntentPrediction;
  counted?: { counts: ReadonlyArray<number | null>; encodings: string };
  private priced: (DecisionCosts & { lambda: number }) | undefined;

  constructor(base: EnvBase) {
    this.snapshot = base.snapshot;
    this.policy = base.policy;
    this.prepared = base.prepared;
    this.resolved = base.resolved;
    this.usable = base.usable;
    this.lambda = base.lambda;
    this.incapable = base.incapable;
    this.text = base.text;
    this.ctx = base.ctx;
    this.trace = base.trace;
  }

  economics(): DecisionCosts & { lambda: number } {
    if (this.priced) return this.priced;
    const { costs, nominal } = decisionCosts(this.policy, this.resolved, this.counted?.counts ?? this.text.promptTokens);
    return (this.priced = { costs, nominal, lambda: this.lambda });
  }

  refineEstimate(): PromptTokenEstimate {
    const before = this.text.estimate;
    const refined = this.text.refineEstimate();
    if (refined !== before) this.priced = undefined; // priced again with the full pass's estimate
    return refined;
  }

  countPrompt(counts: ReadonlyArray<number | null>, encodings: string): void {
    this.counted = { counts, encodings };
    this.priced = undefined;
  }
}

export function createEnv(base: EnvBase): DecisionEnv {
  return new Env(base);
}

export function finishDecision(env: DecisionEnv, chosen: Chosen): Decision {
  const since = env.trace.mark();
  const { policy, usable, ctx } = env;
  const health = ctx.health;
  const next = chosen.canClimb ? nextTierUp(usable, chosen.tier, health) : null;
  const escalation = next && policy.escalation.enabled
    ? { nextTier: next, path: usable.slice(usable.indexOf(chosen.tier) + 1), minConfidence: policy.escalation.minConfidence, maxSteps: policy.escalation.maxSteps, requestLogprobs: policy.escalation.requestLogprobs }
    : null;
  const hedge = planHedge(policy, chosen.decidingProbability ?? null, next);
  const fallbacks = chosen.noFallbacks ? [] : fallbackChain(usable, chosen.tier, health);
  // an out-of-scope request is one the router is unsure about, whoever picked the tier
  const uncertainty = env.intent?.outOfScope ? 1 : chosen.uncertainty ?? 0;
  const econ = env.economics();
  const at = policy.tiers.indexOf(chosen.tier);
  const counted = env.counted?.counts[at];
  const thresholds = buildThresholds(policy, env.resolved, econ.costs, econ.nominal, econ.lambda, policy.bias, counted ?? env.text.promptTokens);
  if (counted != null) thresholds.promptTokensCounted = env.counted!.encodings;
  const draw = ctx.rng();
  const labelCandidate = draw < policy.labeling.randomRate ? "random" : uncertainty >= policy.labeling.uncertainAbove ? "uncertain" : null;
  env.trace.add("plan", "info", planDetail(fallbacks, escalation?.nextTier ?? null, hedge, unusableAbove(env, at)), since);
  return {
    policy: policy.name,
    tier: chosen.tier,
    model: env.snapshot.tiers.get(chosen.tier)?.model ?? chosen.tier,
    stage: chosen.stage,
    reason: chosen.reason,
    ...(chosen.rule !== undefined ? { rule: chosen.rule } : {}),
    ...(env.intent ? { intent: env.intent } : {}),
    scores: chosen.scores ?? null,
    thresholds,
    fallbacks,
    escalation,
    hedge,
    uncertainty,
    propensities: chosen.propensities ?? onlyChoice(policy.tiers.length, at),
    ...(chosen.explored ? { explored: true as const } : {}),
    labelCandidate,
    trace: env.trace.steps,
  };
}

/** The policy's tiers above index `at` that no climb or fallback may use (disabled or unknown), listed; "" when none. */
function unusableAbove(env: DecisionEnv, at: number): string {
  const { tiers } = env.policy;
  let listed = "";
  for (let i = at + 1; i < tiers.length; i++) {
    if (env.resolved[i] === null && !env.incapable?.has(tiers[i]!)) listed += listed ? `, ${tiers[i]}` : tiers[i];
  }
  return listed;
}

function planDetail(fallbacks: string[], escalateTo: string | null, hedge: { tier: string; delayMs: number } | null, unusable: string): string {
  let detail = `fallbacks [${fallbacks.join(", ")}]; ${escalateTo ? `escalate to ${escalateTo} if unsure` : "no escalation"}`;
  if (hedge) detail += `; hedge ${hedge.tier} after ${hedge.delayMs} ms`;
  if (unusable) detail += `; ${unusable} left out (disabled or unknown)`;
  return detail;
}

export function reject(kind: Rejection["rejected"], reason: string, policy: string, trace: Trace): Rejection {
  return { rejected: kind, reason, policy, trace: trace.steps };
}
