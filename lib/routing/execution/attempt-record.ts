/**
 * One upstream attempt as the request log records it — what was tried, why, what it cost in
 * time and money — and the billing rules behind its cost. Built only by the execution machine,
 * so the trace reads the same whichever driver (JSON, stream, demo, replay) served the request.
 */
import type { TierConfig } from "../config-schema";
import type { Failure, Usage } from "./upstream";

export type AttemptOutcome = "ok" | "low-confidence" | "error" | "skipped" | "hedge-lost";

/** Why the attempt was made: the decision's tier, a climb after an unsure answer, an upstream
 *  failure moving down the fallback chain, or the hedge's second leg. */
export type AttemptCause = "decision" | "escalation" | "fallback" | "hedge";

export type AttemptRecord = {
  tier: string;
  model: string;
  ms: number;
  outcome: AttemptOutcome;
  cause?: AttemptCause;
  status?: number;
  error?: string;
  confidence?: number;
  signals?: string[];
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  estimatedUsage?: boolean;
  firstTokenMs?: number | null;
  /** The tier's deployment that served the attempt (tiers listing several), and those it moved on from ("name: error"). */
  deployment?: string;
  failovers?: string[];
};

type Prices = Pick<TierConfig, "inputUsdPerMTok" | "outputUsdPerMTok">;

export function costOf(tier: Prices | undefined, usage: Pick<Usage, "promptTokens" | "completionTokens">): number {
  if (!tier) return 0;
  return (usage.promptTokens * tier.inputUsdPerMTok + usage.completionTokens * tier.outputUsdPerMTok) / 1_000_000;
}

export function totalCost(attempts: readonly AttemptRecord[]): number {
  let sum = 0;
  for (const a of attempts) sum += a.costUsd;
  return sum;
}

export function failureText(failure: Failure): string {
  const text = failure.kind === "internal" ? failure.message : `${failure.kind}${failure.status ? ` ${failure.status}` : ""}: ${failure.message}`;
  return text.slice(0, 500);
}

type Base = { tier: string; model: string; ms: number; cause: AttemptCause; prices: Prices | undefined; via?: { deployment: string; failovers: string[] } };

function viaFields(b: Base): Partial<AttemptRecord> {
  if (!b.via) return {};
  return b.via.failovers.length ? { deployment: b.via.deployment, failovers: b.via.failovers } : { deployment: b.via.deployment };
}

export function answeredRecord(b: Base, usage: Usage, extra: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    tier: b.tier,
    model: b.model,
    ms: b.ms,
    outcome: "ok",
    cause: b.cause,
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    costUsd: costOf(b.prices, usage),
    ...(usage.estimated ? { estimatedUsage: true } : {}),
    ...viaFields(b),
    ...extra,
  };
}

/**
 * A call that produced no usable answer. Billing: a skipped tier or a refused connection cost
 * nothing; otherwise the upstream read the prompt (estimated), plus whatever it produced before
 * the call ended (`partial`, e.g. a stream cut off by the client).
 */
export function unansweredRecord(b: Base, outcome: AttemptOutcome, error: string, promptTokens: number, opts: { status?: number; free?: boolean; partial?: Usage } = {}): AttemptRecord {
  const usage = opts.free ? { promptTokens: 0, completionTokens: 0 } : (opts.partial ?? { promptTokens, completionTokens: 0 });
  return {
    tier: b.tier,
    model: b.model,
    ms: b.ms,
    outcome,
    cause: b.cause,
    ...(opts.status ? { status: opts.status } : {}),
    error,
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    costUsd: costOf(b.prices, usage),
    estimatedUsage: true,
    ...viaFields(b),
  };
}
