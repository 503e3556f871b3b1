/**
 * The engine's inputs and outputs. Everything the engine needs from the outside world (clock,
 * randomness, provider health, session pins, budget state) arrives in EngineContext, so every
 * decision is a pure function of (snapshot, policy, request, context).
 */
import type { IntentModel, IntentPrediction } from "../classifier/intent/types";
import type { ChatTurn, TierClassifier } from "../classifier/types";
import type { PolicyConfig, TierConfig } from "./config-schema";
import type { RequestNeeds } from "./check-capabilities";
import type { CompiledRules } from "./compile-rules";

export type { ChatTurn, IntentModel, IntentPrediction, TierClassifier };

/** Builds the built-in content scorer for a policy with `tierCount` tiers. */
export type HeuristicFactory = (tierCount: number) => TierClassifier;

export type ConfigSnapshot = {
  readonly tiers: ReadonlyMap<string, TierConfig>;
  readonly policies: ReadonlyMap<string, PolicyConfig>;
  /** The policy behind `frontdesk/auto`. */
  readonly defaultPolicy: string;
  /** The trained classifier per policy, if any (used only when its tierCount fits). */
  readonly classifiers: ReadonlyMap<string, TierClassifier | undefined>;
  /** Always present: the fallback when a policy has no fitting trained classifier. */
  readonly heuristic: HeuristicFactory;
  /** The intent model, present when some policy has the intent stage enabled. */
  readonly intentModel: IntentModel | null;
  /** Rules compiled once per snapshot (regex set, keyword phrases, FAQ token sets). */
  readonly compiled: ReadonlyMap<string, CompiledRules>;
  /** Problems found while compiling (an invalid regex, ...): shown in the console. */
  readonly warnings: readonly string[];
};

export type RouteRequest = {
  messages: ChatTurn[];
  /** From `metadata.category` in the body or the `x-frontdesk-category` header. */
  category?: string;
  /** From `x-frontdesk-session` or the `user` field; the gateway looks up the pin with it. */
  sessionKey?: string;
  /** `model` named a tier: routing is bypassed. */
  explicitTier?: string;
  /** What the request needs from a tier (tools, vision, json_schema, output tokens): tiers short of it are left out. */
  needs?: RequestNeeds;
};

/** healthy: breaker closed; degraded: half-open (probing); unhealthy: breaker open. */
export type TierHealth = "healthy" | "degraded" | "unhealthy";

export type BudgetState = {
  spentUsd: number;
  /** null: no cap. */
  capUsd: number | null;
  overBudget: "reject" | "downgrade";
};

export type EngineContext = {
  /** Epoch milliseconds. */
  now: number;
  /** Uniform [0, 1); seeded in tests. */
  rng: () => number;
  health: (tier: string) => TierHealth;
  /** The session's tier, looked up by the gateway from `request.sessionKey`. */
  pinnedTier?: string;
  budget?: BudgetState;
  /** High-resolution milliseconds (e.g. performance.now) for per-stage timing; omitted = no timing. */
  clock?: () => number;
  /** The request's prompt counted with a tier's real tokenizer (context-window checks near a window); omitted = the estimate decides. */
  exactTokens?: (tier: TierConfig) => { tokens: number; encoding: string } | null;
};

export type Stage = "rule" | "intent" | "classifier" | "speculative" | "explore" | "fallback" | "pinned" | "budget" | "bypass";

export type TraceStage = "capabilities" | "budget" | "bypass" | "rules" | "pinned" | "intent" | "classifier" | "speculative" | "choose" | "explore" | "health" | "plan";

export type TraceStep = {
  stage: TraceStage;
  outcome: "hit" | "miss" | "skip" | "error" | "info";
  detail: string;
  micros: number;
};

export type Scores = {
  classifier: { id: string; kind: TierClassifier["kind"] };
  /** p[k-1] = P(needs a tier of index >= k) over the policy's configured tiers. */
  p: number[];
  /** Expected USD cost of this request per policy tier (null: tier not usable). */
  costUsd: Array<number | null>;
  /** c_k + λ·P(tier k is not enough) per policy tier (null: tier not usable). */
  expectedLossUsd: Array<number | null>;
};

export type ThresholdStep = {
  from: string;
  to: string;
  /** Extra expected cost of `to` over `from` for this request size. */
  costDeltaUsd: number;
  /** Step up when P(`from` is not enough but `to` is) ≥ this; for the top step it is P(needs `to`). */
  minProbability: number;
};

export type Thresholds = {
  bias: number;
  /** The price of a wrong (not-capable-enough) answer at this bias. */
  lambdaUsd: number;
  /** The prompt's size the costs were priced at: the engine's estimate, or the chosen tier's real count. */
  promptTokens: number;
  /** The tokenizer(s) that counted it, when counted (the estimate's band spanned a threshold). */
  promptTokensCounted?: string;
  /** True when tier prices are equal (or free) and a nominal cost ladder stands in for them. */
  nominalCosts: boolean;
  steps: ThresholdStep[];
  /** P(needs the top tier) at or above which lower tiers are skipped; null when disabled. */
  speculative: number | null;
  /** Deciding-probability band in which the next tier is hedged; null when disabled. */
  hedgeBand: [number, number] | null;
};

export type Decision = {
  policy: string;
  tier: string;
  model: string;
  stage: Stage;
  /** One human sentence. */
  reason: string;
  /** The matching rule's name (stage "rule"). */
  rule?: string;
  /** The intent model's prediction, when the intent stage ran. */
  intent?: IntentPrediction;
  scores: Scores | null;
  thresholds: Thresholds;
  /** Tiers to try, in order, on an upstream error; never the chosen tier, never twice; healthy first. */
  fallbacks: string[];
  /** `path`: the usable tiers above the chosen one, cheapest first — what escalation may climb
   *  (disabled and unknown tiers are not in it); `nextTier`: the first of them available now. */
  escalation: { nextTier: string; path: string[]; minConfidence: number; maxSteps: number; requestLogprobs: boolean } | null;
  hedge: { tier: string; delayMs: number } | null;
  /** 0 = the winning tier is clearly best, 1 = a coin flip with the runner-up. */
  uncertainty: number;
  /** Per policy tier (in the policy's order): the probability this decision gave it — 1 on the
   *  chosen tier unless the policy explores (explore.ts). What off-policy replay weighs by. */
  propensities: number[];
  /** The tier was drawn by exploration, not the policy's own choice. */
  explored?: true;
  /** Why this request should be offered to the labeling queue, if at all. */
  labelCandidate: "random" | "uncertain" | null;
  trace: TraceStep[];
};

export type Rejection = {
  rejected: "budget" | "unknown-policy" | "unknown-tier" | "no-tier" | "no-capable-tier";
  reason: string;
  policy: string;
  trace: TraceStep[];
};

export function isRejection(result: Decision | Rejection): result is Rejection {
  return "rejected" in result;
}
