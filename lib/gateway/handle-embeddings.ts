/**
 * POST /api/v1/embeddings — an embeddings tier named by `model`, no routing: API key → rate limit
 * → body → tier → its circuit breaker (open: 503) → budget (over the cap: 429; there is no cheaper
 * tier to downgrade to) → the upstream → the answer as the upstream sent it, with x-frontdesk-* headers. Costed as input tokens
 * × the tier's inputUsdPerMTok; logged like chat (stage "bypass", api "embeddings").
 */
import { z } from "zod";
import type { GatewayConfig, GatewayKey } from "../config/load-gateway-config";
import type { Prisma } from "../db/generated/client";
import type { RequestLogInsert } from "../db/request-log-repo";
import { callEmbeddings, estimateInputTokens, type EmbeddingsInput } from "../providers/index";
import type { TierConfig } from "../routing/config-schema";
import { jsonResponse, type GatewayRequest, type GatewayResponse } from "./gateway-io";
import { loadedRuntime, refused, type GatewayRuntime } from "./gateway-runtime";
import { GatewayError, openAiErrorBody, openAiErrorResponse } from "./openai-errors";
import { authenticate, enforceRateLimit, parseBody, parseJsonBody } from "./prepare-request";
import { frontdeskHeaders, upstreamFailure } from "./respond";
import { uuidv7 } from "./uuidv7";
import { startRequestTrace } from "./request-trace";

const MAX_INPUTS = 2048;
const tokenIds = z.array(z.int().min(0)).min(1);
export const embeddingsRequestSchema = z.strictObject({
  model: z.string().min(1),
  input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(MAX_INPUTS), tokenIds, z.array(tokenIds).min(1).max(MAX_INPUTS)]),
  encoding_format: z.enum(["float", "base64"]).optional(),
  dimensions: z.int().min(1).max(65_536).optional(),
  user: z.string().max(256).optional(),
});

type Call = { runtime: GatewayRuntime; config: GatewayConfig; key: GatewayKey; tier: TierConfig; id: string; t0: number; input: EmbeddingsInput };

export async function handleEmbeddings(req: GatewayRequest): Promise<GatewayResponse> {
  const t0 = performance.now();
  const trace = startRequestTrace(req, "embeddings", t0);
  try {
    const { runtime, config } = await loadedRuntime();
    const key = authenticate(req, config);
    await enforceRateLimit(runtime, key);
    const { model, ...body } = parseBody(embeddingsRequestSchema, await parseJsonBody(req));
    const tier = embeddingsTier(config, model);
    if (!runtime.admit(tier.name)) {
      throw new GatewayError(503, `Tier '${tier.name}' is failing (circuit open after recent upstream errors); retry shortly.`, "no_tier_available");
    }
    if (key.monthlyBudgetUsd !== null) await runtime.syncBudget(key.id);
    const c: Call = { runtime, config, key, tier, id: uuidv7(), t0, input: body.input };
    const reserved = reserve(c, estimateInputTokens(body.input));
    const preMs = performance.now() - t0;
    const headers = frontdeskHeaders({ tier: tier.name, model: tier.model, stage: "bypass", decisionId: c.id, overheadMs: preMs });
    const target = c.config.targets.get(tier.name)!;
    const attempt = trace?.embeddingsAttempt(target);
    const ended = (r: Result) => trace?.end({ tier: tier.name, stage: "bypass", ...r, completionTokens: 0, escalated: false, hedged: false, decisionId: c.id, model: tier.model });
    try {
      const result = await callEmbeddings(target, body, { signal: req.signal, headers: attempt?.headers });
      attempt?.done(result.promptTokens);
      const costUsd = (result.promptTokens * tier.inputUsdPerMTok) / 1_000_000;
      runtime.reportOutcome(tier.name, true);
      finish(c, reserved, { status: "ok", httpStatus: 200, promptTokens: result.promptTokens, costUsd, upstreamMs: result.upstreamMs });
      ended({ status: "ok", httpStatus: 200, promptTokens: result.promptTokens, costUsd, upstreamMs: result.upstreamMs });
      return result.raw !== undefined
        ? { status: 200, headers: { "content-type": "application/json", ...headers }, body: result.raw }
        : jsonResponse(200, result.response, headers);
    } catch (error) {
      attempt?.done(null, error);
      const failure = upstreamFailure(error, tier.name);
      if (failure.status >= 500) runtime.reportOutcome(tier.name, false);
      const result: Result = { status: "error", httpStatus: failure.status, promptTokens: 0, costUsd: 0, error: failure.message, upstreamMs: performance.now() - t0 - preMs };
      finish(c, reserved, result);
      ended(result);
      return jsonResponse(failure.status, openAiErrorBody(failure.status, failure.message, failure.code), headers);
    }
  } catch (error) {
    const res = refused("embeddings", openAiErrorResponse(error));
    trace?.refused(res.status, error);
    return res;
  }
}

function embeddingsTier(config: GatewayConfig, model: string): TierConfig {
  const tier = config.snapshot.tiers.get(model);
  if (tier?.enabled && tier.kind === "embeddings") return tier;
  const why = !tier || !tier.enabled ? "is not an enabled tier" : "is a chat tier (POST /api/v1/chat/completions)";
  throw new GatewayError(404, `The model '${model}' ${why}. Name an embeddings tier (GET /api/v1/models lists them).`, "model_not_found", "model");
}

/** Refuses a key over its monthly cap; else holds the estimated cost until the call ends. */
function reserve(c: Call, estimatedTokens: number): number {
  const cap = c.key.monthlyBudgetUsd;
  if (cap === null) return 0;
  if (c.runtime.budgets.committed(c.key.id, Date.now()) >= cap) {
    throw new GatewayError(429, "Monthly budget exhausted for this API key.", "budget_exceeded");
  }
  const usd = (estimatedTokens * c.tier.inputUsdPerMTok) / 1_000_000;
  c.runtime.budgets.reserve(c.key.id, usd);
  return usd;
}

type Result = { status: "ok" | "error"; httpStatus: number; promptTokens: number; costUsd: number; upstreamMs: number; error?: string };

function finish(c: Call, reservedUsd: number, r: Result) {
  if (c.key.monthlyBudgetUsd !== null) c.runtime.budgets.settle(c.key.id, reservedUsd, r.costUsd, Date.now());
  else c.runtime.budgets.add(c.key.id, r.costUsd, Date.now());
  const row = logRow(c, r);
  c.runtime.afterResponse(() => c.runtime.logRequest(row));
}

function logRow(c: Call, r: Result): RequestLogInsert {
  const { tier } = c;
  const reason = `Model "${tier.name}" names an embeddings tier: routing bypassed.`;
  const attempt = { tier: tier.name, cause: "decision", outcome: r.status === "ok" ? "ok" : "error", ms: r.upstreamMs, promptTokens: r.promptTokens, completionTokens: 0, costUsd: r.costUsd, ...(r.error ? { error: r.error } : {}) };
  const totalMs = performance.now() - c.t0;
  const texts = typeof c.input === "string" ? [c.input] : (c.input as unknown[]).every((x) => typeof x === "string") ? (c.input as string[]) : [];
  // the key's policy decides whether prompts are kept, as for its chat requests
  const storePrompts = c.config.snapshot.policies.get(c.key.policy ?? c.config.snapshot.defaultPolicy)?.storePrompts ?? true;
  return {
    id: c.id,
    apiKeyId: c.key.id,
    tierId: c.config.tierIds.get(tier.name) ?? null,
    tierName: tier.name,
    model: tier.model,
    stage: "bypass",
    api: "embeddings",
    reason,
    decision: { api: "embeddings", tier: tier.name, model: tier.model, stage: "bypass", reason, fallbacks: [], escalation: null, hedge: null, scores: null, trace: [{ stage: "bypass", outcome: "hit", detail: `model names embeddings tier ${tier.name}`, micros: 0 }] } as Prisma.InputJsonValue,
    latency: { routingMs: 0, overheadMs: totalMs - r.upstreamMs, escalationWaitMs: 0, firstTokenMs: null, attempts: [attempt] } as Prisma.InputJsonValue,
    totalMs,
    promptTokens: r.promptTokens,
    costUsd: r.costUsd,
    baselineCostUsd: r.costUsd,
    overheadMs: Math.max(0, totalMs - r.upstreamMs),
    status: r.status,
    httpStatus: r.httpStatus,
    error: r.error ?? null,
    prompt: storePrompts && texts.length ? texts.join("\n\n").slice(0, 100_000) : null,
  };
}
