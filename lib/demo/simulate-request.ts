/**
 * One demo request, end to end without a network or a wall clock: the real engine decides
 * (`decide` on the gateway's snapshot), the real simulated provider answers on a virtual clock
 * (latency, tokens, errors and logprobs from the tier's options, the recorded answer and score
 * for dataset prompts), the gateway's own answer assessment escalates low-confidence answers,
 * and failures walk the decision's fallback chain, as lib/gateway/execute-request.ts does. The
 * row is built by the gateway's buildLogRow.
 */
import { failedAttempt, successAttempt, type AttemptRecord } from "../gateway/attempts";
import { buildLogRow, effectiveReason, effectiveStage, type Outcome } from "../gateway/build-log-row";
import type { ChatRequestBody } from "../gateway/chat-request-schema";
import type { GatewayConfig, GatewayKey } from "../gateway/load-gateway-config";
import type { RequestLogInsert } from "../db/request-log-repo";
import { callSimulated } from "../providers/simulated";
import type { ProviderResult, ProviderTarget } from "../providers/types";
import { assessAnswer } from "../routing/assess-answer";
import { decide } from "../routing/decide";
import { nextAttempt, nextTierUp } from "../routing/plan-fallback";
import { isRejection, type Decision, type TierHealth } from "../routing/types";

export const DEMO_KEY: GatewayKey = { id: "demo", name: "demo", prefix: "demo", policy: null, monthlyBudgetUsd: null, overBudget: "reject", rateLimitPerMinute: null };

export type DemoEnv = {
  config: GatewayConfig;
  rng: () => number;
  /** Targets to call instead of the configured ones (an incident raises a tier's error rate). */
  targetFor: (tier: string, at: number) => ProviderTarget;
  health: (tier: string, at: number) => TierHealth;
};

export type DemoInput = { id: string; at: number; policy: string; prompt: string; sessionKey?: string; pinnedTier?: string };

async function call(env: DemoEnv, tier: string, at: number, body: ChatRequestBody, wantLogprobs: boolean): Promise<{ ms: number; result?: ProviderResult; error?: unknown }> {
  let clock = 0;
  const opts = { rng: env.rng, now: () => clock, sleep: async (ms: number) => void (clock += ms), wantLogprobs };
  try {
    const result = await callSimulated(env.targetFor(tier, at), body as never, opts);
    return { ms: clock, result };
  } catch (error) {
    return { ms: clock, error };
  }
}

export async function simulateRequest(env: DemoEnv, input: DemoInput): Promise<{ row: RequestLogInsert; decision: Decision } | null> {
  const { config } = env;
  const body = { model: "frontdesk/auto", messages: [{ role: "user", content: input.prompt }] } as ChatRequestBody;
  const health = (tier: string) => env.health(tier, input.at);
  const t0 = performance.now();
  const decision = decide(config.snapshot, input.policy, { messages: [{ role: "user", content: input.prompt }], sessionKey: input.sessionKey }, {
    now: input.at, rng: env.rng, health, clock: () => performance.now(), ...(input.pinnedTier ? { pinnedTier: input.pinnedTier } : {}),
  });
  const routingMs = performance.now() - t0;
  if (isRejection(decision)) return null;
  const policy = config.snapshot.policies.get(decision.policy)!;
  const attempts: AttemptRecord[] = [];
  const attempted = new Set<string>();
  let stepsLeft = decision.escalation?.maxSteps ?? 0;
  let escalated = false;
  let fellBack = false;
  let tier: string | null = decision.tier;
  let answered: { tier: string; result: ProviderResult } | null = null;
  let lastTier = decision.tier;
  const promptTokens = Math.ceil(input.prompt.length / 4);
  while (tier && !answered) {
    attempted.add(tier);
    lastTier = tier;
    const target = env.targetFor(tier, input.at);
    const tierCfg = config.snapshot.tiers.get(tier);
    const { ms, result, error } = await call(env, tier, input.at, body, !!decision.escalation?.requestLogprobs);
    if (!result) {
      attempts.push(failedAttempt(target, tierCfg, error, ms, promptTokens));
      tier = nextAttempt(decision.fallbacks, attempted);
      if (tier) fellBack = true;
      continue;
    }
    const next = decision.escalation && policy.escalation.enabled && stepsLeft > 0 ? nextTierUp(policy.tiers, tier, health) : null;
    const assessment = next ? assessAnswer(result.answer, policy.escalation, true) : null;
    const record = successAttempt(target, tierCfg, result.usage, ms, assessment ? { confidence: assessment.confidence, signals: assessment.signals.map((s) => s.kind) } : {});
    attempts.push(record);
    if (next && assessment?.escalate) {
      record.outcome = "low-confidence";
      escalated = true;
      stepsLeft--;
      tier = next;
      continue;
    }
    answered = { tier, result };
  }
  const finalTier = answered?.tier ?? lastTier;
  const e = { escalated, hedged: false, fellBack, tier: finalTier, attempts };
  const overheadMs = 0.2 + env.rng() * 0.8;
  const outcome: Outcome = {
    tier: finalTier,
    stage: effectiveStage(decision, e),
    reason: effectiveReason(decision, e),
    attempts,
    escalated,
    hedged: false,
    status: answered ? "ok" : "error",
    httpStatus: answered ? 200 : 502,
    ...(answered ? {} : { error: "Every tier that could answer failed (simulated upstream errors)." }),
    promptTokens: answered?.result.usage.promptTokens ?? 0,
    completionTokens: answered?.result.usage.completionTokens ?? 0,
    response: answered?.result.answer.content,
    routingMs,
    overheadMs,
    totalMs: routingMs + overheadMs + attempts.reduce((s, a) => s + a.ms, 0),
  };
  const row = buildLogRow({ id: input.id, key: DEMO_KEY, config, decision, body, sessionKey: input.sessionKey, outcome });
  return { row: { ...row, apiKeyId: null, createdAt: new Date(input.at), isDemo: true }, decision };
}
