/**
 * The front half of every /api/v1 call: API key → body → model → the engine's RouteRequest and
 * context. Everything a client can get wrong ends here as an OpenAI-shaped 4xx.
 */
import { hash } from "node:crypto";
import type { z } from "zod";
import { hashApiKey } from "../auth/api-key-token";
import type { GatewayConfig, GatewayKey } from "../config/load-gateway-config";
import { zodIssues } from "../http/parse-body";
import { countMessageTokens, encodingFor } from "../providers/count-tokens";
import type { ChatRequest } from "../providers/index";
import { readRequestNeeds } from "../routing/check-capabilities";
import type { EngineContext, RouteRequest } from "../routing/types";
import { chatRequestSchema, contentText, isCommonChatBody, type ChatRequestBody } from "./chat-request-schema";
import { findUnsafeJson, mayHoldSurrogates, unsafeJsonMessage } from "./find-unsafe-json";
import type { GatewayRequest } from "./gateway-io";
import type { GatewayRuntime } from "./gateway-runtime";
import { GatewayError } from "./openai-errors";
import type { RateCheck } from "../state/rate-limiter";

/** Hashes of keys that authenticated recently (a SHA-256 per request cost more than routing's rules
 *  stage). Only keys found in the config get in; the lookup below still goes through the current
 *  config, so a revoked key stops working on the next reload. Bounded: cleared when full. */
const recentHashes = new Map<string, string>();
const RECENT_HASHES_MAX = 10_000;

export function authenticate(req: GatewayRequest, config: GatewayConfig): GatewayKey {
  const header = req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  // Anthropic's clients send the key as x-api-key
  const token = match?.[1] ?? req.header("x-api-key")?.trim();
  if (!token) throw new GatewayError(401, "Missing API key: send it as 'Authorization: Bearer fd_…' (or 'x-api-key: fd_…').", "missing_api_key");
  const cached = recentHashes.get(token);
  const hash = cached ?? hashApiKey(token);
  const key = config.keysByHash.get(hash);
  if (!key) throw new GatewayError(401, "Incorrect or revoked API key.", "invalid_api_key");
  if (cached === undefined) {
    if (recentHashes.size >= RECENT_HASHES_MAX) recentHashes.clear();
    recentHashes.set(token, hash);
  }
  return key;
}

/** Spends one of the key's requests for this minute (across instances with REDIS_URL), or refuses with 429 and `retry-after`.
 *  A promise only when the check is asynchronous (Redis): a key without a limit, or the in-process
 *  limiter, decides on the spot (await the result only when there is one). */
export function enforceRateLimit(runtime: GatewayRuntime, key: GatewayKey): Promise<void> | undefined {
  const perMinute = key.rateLimitPerMinute;
  if (perMinute === null) return undefined;
  const check = runtime.rateLimits.take(key.id, perMinute);
  if (check instanceof Promise) return check.then((c) => refuseOverLimit(c, perMinute));
  refuseOverLimit(check, perMinute);
  return undefined;
}

function refuseOverLimit(check: RateCheck, perMinute: number): void {
  if (check.allowed) return;
  const limit = `${perMinute} request${perMinute === 1 ? "" : "s"} per minute`;
  throw new GatewayError(429, `Rate limit exceeded for this API key (${limit}). Retry after ${check.retryAfterSeconds} s.`, "rate_limit_exceeded", null, {
    "retry-after": String(check.retryAfterSeconds),
  });
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The body as JSON: the content type is checked before a byte is read. */
export async function parseJsonBody(req: GatewayRequest): Promise<unknown> {
  checkJsonType(req);
  return parseJsonBytes(await req.body());
}

function checkJsonType(req: GatewayRequest): void {
  const type = req.header("content-type") ?? "";
  if (type && type !== "application/json" && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new GatewayError(415, "Send the body as JSON (Content-Type: application/json).", "invalid_content_type");
  }
}

function parseJsonBytes(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new GatewayError(400, "The body is not valid UTF-8.", "invalid_request");
  }
  if (!text.trim()) throw new GatewayError(400, "The body is empty; send the request as JSON.", "invalid_request");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new GatewayError(400, "The body is not valid JSON.", "invalid_json");
  }
  const unsafe = findUnsafeJson(value, mayHoldSurrogates(text));
  if (unsafe) {
    const path = unsafe.path.join(".") || "(body)";
    throw new GatewayError(400, unsafeJsonMessage(unsafe, path), "invalid_request", path);
  }
  return value;
}

/** A body that failed its schema: a 400 naming the first bad field's path. */
function invalidBody(error: z.ZodError): GatewayError {
  const [first, ...rest] = zodIssues(error);
  const more = rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? "s" : ""})` : "";
  return new GatewayError(400, `Invalid request: ${first!.path}: ${first!.message}${more}`, "invalid_request", first!.path);
}

export async function readChatBody(req: GatewayRequest): Promise<ChatRequestBody> {
  checkJsonType(req); // as parseJsonBody, in one async step rather than two
  const value = parseJsonBytes(await req.body());
  return isCommonChatBody(value) ? value : parseBody(chatRequestSchema, value);
}

/** `value` by `schema`, or a 400 naming the first bad field's path. */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}

export type ResolvedModel = { policy: string; explicitTier?: string };

function notFound(model: string, why: string): GatewayError {
  return new GatewayError(404, `The model '${model}' ${why}. Use frontdesk/auto, frontdesk/<policy> or a tier name (GET /api/v1/models lists them).`, "model_not_found", "model");
}

/** `frontdesk/auto`, `frontdesk/<policy>`, or a tier name (bypass), as this key may use them. */
export function resolveModel(model: string, key: GatewayKey, config: GatewayConfig): ResolvedModel {
  const { snapshot } = config;
  const keyPolicy = key.policy ?? snapshot.defaultPolicy;
  if (model === "frontdesk/auto" || model === "auto") return { policy: keyPolicy };
  if (model.startsWith("frontdesk/")) {
    const name = model.slice("frontdesk/".length);
    if (!snapshot.policies.has(name)) throw notFound(model, "does not exist");
    if (key.policy && key.policy !== name) throw notFound(model, `is not available to this API key (it is limited to frontdesk/${key.policy})`);
    return { policy: name };
  }
  const tier = snapshot.tiers.get(model);
  if (!tier || !tier.enabled) throw notFound(model, "does not exist");
  if (tier.kind === "embeddings") throw notFound(model, "is an embeddings tier (POST /api/v1/embeddings)");
  if (key.policy && !snapshot.policies.get(key.policy)?.tiers.includes(model)) throw notFound(model, "is not available to this API key");
  return { policy: keyPolicy, explicitTier: model };
}

const routeMessage = (m: ChatRequestBody["messages"][number]): RouteRequest["messages"][number] => ({ role: m.role, content: contentText(m.content) });

export function toRouteRequest(body: ChatRequestBody, req: GatewayRequest, resolved: ResolvedModel): RouteRequest {
  const category = body.metadata?.category ?? req.header("x-frontdesk-category");
  const sessionKey = req.header("x-frontdesk-session") ?? body.user;
  const request: RouteRequest = { messages: body.messages.map(routeMessage) };
  // optional fields set only when present (not spread in from temporary objects)
  if (category) request.category = category;
  if (sessionKey) request.sessionKey = sessionKey;
  if (resolved.explicitTier) request.explicitTier = resolved.explicitTier;
  request.needs = readRequestNeeds(body);
  return request;
}

/**
 * Where a request's pin lives: its session (x-frontdesk-session or `user`) when it names one, else
 * its conversation — the policy and the first system and user messages, which every step of an
 * agent loop repeats. A conversation's pin is read only by a later step (the request carries an
 * assistant or tool turn), so two separate requests that start alike are each decided afresh;
 * every answered step writes it, so the next step starts where this one ended.
 */
export function pinKeys(key: GatewayKey, request: RouteRequest, policy: string): { lookup?: string; store?: string } {
  if (request.sessionKey) {
    const pin = `${key.id}\u0000${request.sessionKey}`;
    return { lookup: pin, store: pin };
  }
  const conversation = conversationKey(request.messages);
  if (!conversation) return {};
  const pin = `${key.id}\u0000conv\u0000${policy}\u0000${conversation}`;
  const continues = request.messages.some((m) => m.role === "assistant" || m.role === "tool");
  return continues ? { lookup: pin, store: pin } : { store: pin };
}

/** A digest of the conversation's opening: its system/developer messages up to the first user message, and that one. */
export function conversationKey(messages: RouteRequest["messages"]): string | null {
  // the opening as one string, hashed in one call (a Hash object per request showed in profiles); the
  // same bytes as hashing message by message, so pins made by earlier versions still match
  let opening = "";
  for (const m of messages) {
    opening += `${m.role}\u0000${m.content}\u0000`;
    if (m.role === "user") return hash("sha256", opening, "base64url").slice(0, 22);
    if (m.role !== "system" && m.role !== "developer") return null;
  }
  return null;
}

const clock = () => performance.now();

export function engineContext(runtime: GatewayRuntime, key: GatewayKey, pinnedTier: string | undefined, request?: RouteRequest): EngineContext {
  const now = Date.now();
  const ctx: EngineContext = { now, rng: Math.random, health: runtime.health, clock };
  if (request) ctx.exactTokens = exactTokensOf(request);
  if (pinnedTier) ctx.pinnedTier = pinnedTier;
  // reservations of requests in flight count
  if (key.monthlyBudgetUsd !== null) ctx.budget = { spentUsd: runtime.budgets.committed(key.id, now), capUsd: key.monthlyBudgetUsd, overBudget: key.overBudget };
  return ctx;
}

/** The request's prompt counted with each tier's tokenizer, once per encoding, only when the engine asks (near a window or a threshold). */
function exactTokensOf(request: RouteRequest): NonNullable<EngineContext["exactTokens"]> {
  let counted: Map<string, { tokens: number; encoding: string }> | undefined; // made on the first ask: most requests never ask
  return (tier) => {
    const encoding = encodingFor(tier.model);
    counted ??= new Map();
    let result = counted.get(encoding);
    if (!result) {
      result = countMessageTokens(request.messages.map((m) => m.content), tier.model);
      counted.set(encoding, result);
    }
    return result;
  };
}

/** The upstream request: the client's body as validated. Each adapter sends only its provider's
 *  allowlist of it (lib/providers/request-fields), `model` set per tier; gateway-only and dropped
 *  fields therefore stay here without a copy of the body. */
export function upstreamBody(body: ChatRequestBody): ChatRequest {
  return body as unknown as ChatRequest;
}
