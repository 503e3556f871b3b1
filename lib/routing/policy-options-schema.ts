/**
 * A policy's option groups (escalation, hedging, speculative routing, fallback triggers,
 * labeling), each with defaults for everything omitted. Composed by config-schema.ts.
 */
import { z } from "zod";

export const probability = z.number().min(0).max(1);

export const escalationSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Answers scored below this confidence (assess-answer.ts) go to the next tier. */
  minConfidence: probability.default(0.5),
  /** How many times one request may climb (1 = small → next, never further). */
  maxSteps: z.int().min(1).max(7).default(1),
  /** Ask OpenAI-compatible upstreams for logprobs to score confidence. */
  requestLogprobs: z.boolean().default(true),
  /** Confidence assumed when a provider returns no logprobs (before other signals). */
  noLogprobsConfidence: probability.default(0.7),
});

export const hedgingSchema = z.strictObject({
  enabled: z.boolean().default(false),
  /** Deciding probability range [lo, hi] in which the next tier is started in parallel. */
  band: z.tuple([probability, probability]).default([0.3, 0.7]).refine(([lo, hi]) => lo <= hi, "band must be [lo, hi] with lo <= hi"),
  delayMs: z.int().min(0).max(120_000).default(1500),
});

export const speculativeSchema = z.strictObject({
  enabled: z.boolean().default(false),
  /** P(needs the most capable tier) at or above which the lower tiers are skipped. */
  threshold: probability.default(0.9),
});

export const fallbackOnSchema = z.strictObject({
  statuses: z.array(z.int().min(400).max(599)).default([408, 429, 500, 502, 503, 504]),
  timeouts: z.boolean().default(true),
  connectionErrors: z.boolean().default(true),
});

export const labelingSchema = z.strictObject({
  /** Share of requests sampled at random for labeling (unbiased misroute rates). */
  randomRate: probability.default(0.01),
  /** Decisions at least this uncertain are labeling candidates (training data). */
  uncertainAbove: probability.default(0.8),
});

export const INTENT_OUT_OF_SCOPE = ["classifier", "fallback-mode"] as const;

export const intentSchema = z.strictObject({
  /** Run the intent model (the gateway's shipped one) after rules and the session pin. */
  enabled: z.boolean().default(false),
  /** Intent name, or "domain:<domain>", → a tier of this policy. An intent's own entry wins over its domain's. */
  map: z.record(z.string().trim().min(1).max(100), z.string().min(1).max(63)).default({}),
  /** Predictions less probable than this go on to the classifier. */
  minConfidence: probability.default(0.5),
  /** Out of scope (the router is unsure): "classifier" scores it as usual; "fallback-mode" uses the policy's fallback mode. */
  outOfScope: z.enum(INTENT_OUT_OF_SCOPE).default("classifier"),
});

/**
 * Exploration, so that logged traffic supports off-policy evaluation (the lab's replay): a
 * small share of uncertain classifier decisions goes to an adjacent tier at random, and every
 * decision records the probability it gave each tier (its propensity).
 */
export const exploreSchema = z.strictObject({
  enabled: z.boolean().default(false),
  /** Share of eligible (uncertain) requests sent to an adjacent tier; capped at 10 %. */
  rate: z.number().min(0).max(0.1).default(0.02),
  /** Decisions at least this uncertain are eligible. */
  uncertainAbove: probability.default(0.5),
});

/**
 * Shadow evaluation: after the answer has gone to the client, a sampled share of requests is
 * sent to another tier too, and the pair is graded (a judge tier with a rubric, or equality for
 * tool calls and JSON answers). Never delays or changes the client's answer.
 */
export const shadowSchema = z.strictObject({
  enabled: z.boolean().default(false),
  /** Share of live requests shadowed. */
  rate: probability.default(0.01),
  /** Shadow calls stop for the day (UTC) once they cost this much. */
  dailyUsdCap: z.number().min(0).max(100_000).default(1),
  /** "next": the tier above the one that answered; or a tier name. */
  target: z.string().min(1).max(63).default("next"),
  /** The tier that grades the pair (null: the policy's most capable tier). */
  judgeTier: z.string().min(1).max(63).nullable().default(null),
  rubric: z.string().min(1).max(4000).default("Which answer serves the user's request better: correct, complete and to the point? Answer with exactly one of: A, B, TIE."),
});

/** The ledger's verdict: when routing is judged not worth it (the product owner's thresholds). */
export const verdictSchema = z.strictObject({
  /** Net savings below this share of the baseline: not worth the router. */
  minSavingsPct: z.number().min(0).max(100).default(10),
  /** Escalation and hedge waste above this share of the gross saving: flagged. */
  maxWasteShare: probability.default(0.5),
  /** Escalations adding more than this at p95: flagged. */
  escalationLatencyBudgetMs: z.int().min(0).max(600_000).default(3000),
  /** One tier serving at least this share of requests: little to win. */
  dominantTierShare: probability.default(0.95),
});

