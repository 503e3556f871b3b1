/**
 * What a reviewer sees of a request: the prompt, the tier and model that answered, the answer
 * and the decision trace, read defensively out of the logged decision/latency JSON (older rows
 * may lack fields). Pure and browser-safe: the console imports the types.
 */
import { z } from "zod";
import type { LabelSample, QueueFilters } from "./labeling-schemas";

const num = z.number().catch(0);
const nullableNums = z.array(z.number().nullable()).catch([]);

const decisionSchema = z.object({
  stage: z.string().optional().catch(undefined),
  reason: z.string().optional().catch(undefined),
  rule: z.string().optional().catch(undefined),
  uncertainty: z.number().optional().catch(undefined),
  escalation: z.object({ nextTier: z.string(), minConfidence: num, maxSteps: num }).nullable().catch(null),
  labelCandidate: z.enum(["random", "uncertain"]).nullable().catch(null),
  fallbacks: z.array(z.string()).catch([]),
  scores: z
    .object({ classifier: z.object({ id: z.string(), kind: z.string() }).catch({ id: "", kind: "unknown" }), p: z.array(z.number()).catch([]), costUsd: nullableNums, expectedLossUsd: nullableNums })
    .nullable()
    .catch(null),
  thresholds: z
    .object({
      bias: num,
      lambdaUsd: num,
      promptTokens: num,
      steps: z.array(z.object({ from: z.string(), to: z.string(), costDeltaUsd: num, minProbability: num })).catch([]),
      speculative: z.number().nullable().catch(null),
      hedgeBand: z.tuple([z.number(), z.number()]).nullable().catch(null),
    })
    .optional()
    .catch(undefined),
  trace: z.array(z.object({ stage: z.string(), outcome: z.string(), detail: z.string().catch(""), micros: num })).catch([]),
});

const attemptsSchema = z.object({
  attempts: z
    .array(z.object({ tier: z.string(), model: z.string().catch(""), ms: num, outcome: z.string(), error: z.string().optional().catch(undefined), confidence: z.number().optional().catch(undefined), costUsd: num }))
    .catch([]),
});

export type DecisionView = z.infer<typeof decisionSchema>;
export type AttemptView = z.infer<typeof attemptsSchema>["attempts"][number];

export type QueueItem = {
  id: string;
  createdAt: string;
  policy: string | null;
  tier: string;
  model: string | null;
  stage: string;
  reason: string;
  uncertainty: number | null;
  sample: LabelSample;
  isDemo: boolean;
  escalated: boolean;
  hedged: boolean;
  totalMs: number;
  costUsd: number;
  promptTokens: number;
  completionTokens: number;
  prompt: string;
  response: string | null;
  /** The policy's tiers, cheapest first: the choices for "should be cheaper / more capable". */
  policyTiers: string[];
  decision: DecisionView;
  attempts: AttemptView[];
  claimExpiresAt: string | null;
  /** The request's group of identical requests (label-repo GROUP_KEY); null when not looked up. */
  groupKey: string | null;
  /** The other open requests of its group in the queue's window: "apply to all" labels them too. */
  identicalIds: string[];
};

export type QueueRow = {
  id: string;
  createdAt: Date;
  policyName: string | null;
  tierName: string | null;
  model: string | null;
  stage: string;
  reason: string;
  uncertainty: number | null;
  escalated: boolean;
  hedged: boolean;
  decision: unknown;
  latency: unknown;
  totalMs: number;
  costUsd: number;
  promptTokens: number;
  completionTokens: number;
  prompt: string | null;
  response: string | null;
  isDemo: boolean;
  claim: { expiresAt: Date } | null;
};

/** random: the engine put this request in its uniform random sample; else the uncertainty stream. */
export function sampleOf(decision: unknown): LabelSample {
  return decisionSchema.shape.labelCandidate.parse((decision as { labelCandidate?: unknown } | null)?.labelCandidate) === "random" ? "random" : "uncertain";
}

export function toQueueItem(row: QueueRow, policyTiers: string[]): QueueItem {
  const decision = decisionSchema.parse(row.decision ?? {});
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    policy: row.policyName,
    tier: row.tierName ?? "",
    model: row.model,
    stage: row.stage,
    reason: row.reason,
    uncertainty: row.uncertainty,
    sample: sampleOf(row.decision),
    isDemo: row.isDemo,
    escalated: row.escalated,
    hedged: row.hedged,
    totalMs: row.totalMs,
    costUsd: row.costUsd,
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    prompt: row.prompt ?? "",
    response: row.response,
    policyTiers,
    decision,
    attempts: attemptsSchema.parse(row.latency ?? {}).attempts,
    claimExpiresAt: row.claim?.expiresAt.toISOString() ?? null,
    groupKey: null,
    identicalIds: [],
  };
}

/** Whether a logged request falls inside the queue's filters (used for resumed claims). */
export function matchesFilters(row: Pick<QueueRow, "createdAt" | "policyName" | "tierName">, f: QueueFilters): boolean {
  if (f.policy && row.policyName !== f.policy) return false;
  if (f.tier && row.tierName !== f.tier) return false;
  if (f.from && row.createdAt < f.from) return false;
  if (f.to && row.createdAt >= f.to) return false;
  return true;
}

/** The tiers a reviewer may name for a verdict: cheaper ones, more capable ones, or the used one. */
export function tierChoices(item: Pick<QueueItem, "tier" | "policyTiers">, verdict: "correct" | "should-be-cheaper" | "should-be-more-capable"): string[] {
  const at = item.policyTiers.indexOf(item.tier);
  if (verdict === "correct") return [item.tier];
  if (at < 0) return item.policyTiers.filter((t) => t !== item.tier);
  return verdict === "should-be-cheaper" ? item.policyTiers.slice(0, at) : item.policyTiers.slice(at + 1);
}
