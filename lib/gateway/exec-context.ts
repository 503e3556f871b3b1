/**
 * What executing a routed request needs: the decision, the policy, the upstream targets, and
 * the runtime's breakers. Shared by the non-streaming and streaming executors.
 */
import { callProvider, isProviderError, type ChatRequest, type ProviderError, type ProviderTarget } from "../providers/index";
import type { PolicyConfig, TierConfig } from "../routing/config-schema";
import { nextAttempt, nextTierUp, shouldFallBack } from "../routing/plan-fallback";
import type { Decision } from "../routing/types";
import type { AttemptRecord } from "./attempts";
import type { GatewayRuntime } from "./gateway-runtime";
import type { GatewayConfig } from "./load-gateway-config";

export type ExecContext = {
  runtime: GatewayRuntime;
  config: GatewayConfig;
  decision: Decision;
  policy: PolicyConfig | undefined;
  body: ChatRequest;
  signal: AbortSignal;
  promptTokens: number;
};

export type ExecState = {
  attempts: AttemptRecord[];
  attempted: Set<string>;
  escalated: boolean;
  hedged: boolean;
  fellBack: boolean;
  stepsLeft: number;
};

/** An execution's "last error" before any tier was tried. The Error for that case is made only
 *  when it happens (failureOf): constructing one per request (a stack capture) was ~5% of the
 *  gateway's CPU. */
export const NOT_TRIED: unique symbol = Symbol("no tier tried");

/** What a failed execution reports: its last error, or that no tier could be tried at all. */
export function failureOf(lastError: unknown): unknown {
  return lastError === NOT_TRIED ? new Error("no tier could be tried") : lastError;
}

export function newExecState(decision: Decision): ExecState {
  return { attempts: [], attempted: new Set(), escalated: false, hedged: false, fellBack: false, stepsLeft: decision.escalation?.maxSteps ?? 0 };
}

export function tierConfig(x: ExecContext, tier: string): TierConfig | undefined {
  return x.config.snapshot.tiers.get(tier);
}

export function targetOf(x: ExecContext, tier: string): ProviderTarget {
  const target = x.config.targets.get(tier);
  if (!target) throw new Error(`no upstream target for tier "${tier}"`);
  return target;
}

export function wantsLogprobs(x: ExecContext): boolean {
  return !!x.decision.escalation?.requestLogprobs || !!x.decision.hedge;
}

/** The next tier up when this answer may still be escalated (escalation on, steps left). */
export function escalationTarget(x: ExecContext, s: ExecState, tier: string): string | null {
  if (!x.decision.escalation || !x.policy?.escalation.enabled || s.stepsLeft <= 0) return null;
  return nextTierUp(x.policy.tiers, tier, x.runtime.health);
}

/** After an upstream failure: the next tier to try, or null when this error must not fall back. */
export function fallbackAfter(x: ExecContext, s: ExecState, error: unknown): string | null {
  if (isProviderError(error)) {
    const e = error as ProviderError;
    const kind = { status: e.kind === "http" ? e.status : undefined, timeout: e.kind === "timeout" || e.kind === "stalled", connection: e.kind === "connection" };
    const on = x.policy?.fallbackOn ?? { statuses: [408, 429, 500, 502, 503, 504], timeouts: true, connectionErrors: true };
    if (e.kind === "aborted" || !shouldFallBack(kind, on)) return null;
  }
  return nextAttempt(x.decision.fallbacks, s.attempted);
}

/** Whether a failure says something about the tier's health (a client error does not). */
export function countsAgainstTier(error: unknown): boolean {
  return !isProviderError(error) || (error.kind !== "aborted" && (error.kind !== "http" || error.retryable));
}

export function callTier(x: ExecContext, tier: string, signal: AbortSignal) {
  return callProvider(targetOf(x, tier), x.body, { signal, wantLogprobs: wantsLogprobs(x) });
}
