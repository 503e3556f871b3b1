/**
 * One upstream attempt as the request log records it, and its cost from the tier's prices.
 */
import type { ProviderTarget, Usage } from "../providers/index";
import { isProviderError, type ProviderError } from "../providers/index";
import type { TierConfig } from "../routing/config-schema";

export type AttemptOutcome = "ok" | "low-confidence" | "error" | "skipped" | "hedge-lost";

export type AttemptRecord = {
  tier: string;
  model: string;
  ms: number;
  outcome: AttemptOutcome;
  status?: number;
  error?: string;
  confidence?: number;
  signals?: string[];
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  estimatedUsage?: boolean;
  firstTokenMs?: number | null;
};

export function costOf(tier: TierConfig | undefined, usage: Pick<Usage, "promptTokens" | "completionTokens">): number {
  if (!tier) return 0;
  return (usage.promptTokens * tier.inputUsdPerMTok + usage.completionTokens * tier.outputUsdPerMTok) / 1_000_000;
}

export function successAttempt(target: ProviderTarget, tier: TierConfig | undefined, usage: Usage, ms: number, extra: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    tier: target.name,
    model: target.model,
    ms,
    outcome: "ok",
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    costUsd: costOf(tier, usage),
    ...(usage.estimated ? { estimatedUsage: true } : {}),
    ...extra,
  };
}

/** A failed or abandoned call: upstreams bill the prompt they read, so it is counted as estimated. */
export function failedAttempt(
  target: ProviderTarget,
  tier: TierConfig | undefined,
  error: unknown,
  ms: number,
  promptTokens: number,
  outcome: AttemptOutcome = "error",
): AttemptRecord {
  const e = isProviderError(error) ? error : null;
  const billed = e?.kind === "connection" || outcome === "skipped" ? 0 : promptTokens;
  return {
    tier: target.name,
    model: target.model,
    ms,
    outcome,
    ...(e?.status ? { status: e.status } : {}),
    error: errorText(error),
    promptTokens: billed,
    completionTokens: 0,
    costUsd: costOf(tier, { promptTokens: billed, completionTokens: 0 }),
    estimatedUsage: true,
  };
}

export function errorText(error: unknown): string {
  if (isProviderError(error)) return `${(error as ProviderError).kind}${error.status ? ` ${error.status}` : ""}: ${error.message}`.slice(0, 500);
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

export function totalCost(attempts: readonly AttemptRecord[]): number {
  return attempts.reduce((sum, a) => sum + a.costUsd, 0);
}
