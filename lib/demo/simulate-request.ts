/**
 * One demo request, end to end without a network or a wall clock: the real engine decides
 * (`decide` on the gateway's snapshot), and the gateway's execution machine runs the decision on
 * a virtual clock (run-virtual) against the real simulated provider (latency, tokens, errors and
 * logprobs from the tier's options, the recorded answer and score for dataset prompts): the same
 * escalation, hedging and fallback rules as live traffic. The row is built by the gateway's
 * buildLogRow.
 */
import { buildLogRow, type Outcome } from "../gateway/build-log-row";
import type { ChatRequestBody } from "../gateway/chat-request-schema";
import type { GatewayConfig, GatewayKey } from "../config/load-gateway-config";
import type { RequestLogInsert } from "../db/request-log-repo";
import { estimateRequestTokens } from "../providers/answer";
import { toFailure } from "../providers/provider-error";
import { callSimulated } from "../providers/simulated";
import type { ProviderTarget } from "../providers/types";
import { planExecution } from "../routing/execution/plan-execution";
import { runVirtual, type VirtualOutcome } from "../routing/execution/run-virtual";
import { decide } from "../routing/decide";
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

/** One simulated upstream call, timed on its own virtual clock. */
async function call(env: DemoEnv, tier: string, at: number, body: ChatRequestBody, wantLogprobs: boolean): Promise<VirtualOutcome> {
  let clock = 0;
  const opts = { rng: env.rng, now: () => clock, sleep: async (ms: number) => void (clock += ms), wantLogprobs };
  try {
    const result = await callSimulated(env.targetFor(tier, at), body as never, opts);
    return { ms: clock, answer: result.answer, usage: result.usage };
  } catch (error) {
    return { ms: clock, failure: toFailure(error) };
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
  const plan = planExecution(config.snapshot, decision, { promptTokens: estimateRequestTokens(body as never), live: false });
  const { result, answer, elapsedMs } = await runVirtual(plan, { admit: (tier) => health(tier) !== "unhealthy", budgetLeftUsd: () => Infinity }, (tier, opts) =>
    call(env, tier, input.at, body, opts.logprobs),
  );
  const overheadMs = 0.2 + env.rng() * 0.8;
  const outcome: Outcome = {
    tier: result.tier,
    stage: result.stage,
    reason: result.reason,
    attempts: result.attempts,
    escalated: result.escalated,
    hedged: result.hedged,
    status: answer ? "ok" : "error",
    httpStatus: answer ? 200 : 502,
    ...(answer ? {} : { error: "Every tier that could answer failed (simulated upstream errors)." }),
    promptTokens: answer?.usage.promptTokens ?? 0,
    completionTokens: answer?.usage.completionTokens ?? 0,
    response: answer?.answer.content,
    routingMs,
    overheadMs,
    totalMs: routingMs + overheadMs + elapsedMs,
  };
  const row = buildLogRow({ id: input.id, key: DEMO_KEY, config, decision, body, sessionKey: input.sessionKey, outcome });
  return { row: { ...row, apiKeyId: null, createdAt: new Date(input.at), isDemo: true }, decision };
}
