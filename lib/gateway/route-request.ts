/**
 * The front half every routed /api/v1 call shares: the runtime's config → API key → per-key rate
 * limit → body → model → the engine's decision (→ the budget reservation, when executed). A
 * rejection (budget, unknown model, no tier) is thrown as its OpenAI-shaped error.
 */
import type { GatewayConfig, GatewayKey } from "../config/load-gateway-config";
import { promptTokenBound } from "../routing/check-capabilities";
import { decide } from "../routing/decide";
import { isRejection, type Decision, type RouteRequest } from "../routing/types";
import type { ChatRequestBody } from "./chat-request-schema";
import { reservedCostUsd } from "./budget-tracker";
import type { GatewayRequest } from "./gateway-io";
import { gatewayRuntime, loadedRuntime, type GatewayRuntime } from "./gateway-runtime";
import { authenticate, enforceRateLimit, engineContext, pinKeys, readChatBody, resolveModel, toRouteRequest } from "./prepare-request";
import { rejectionError } from "./respond";

export type RoutedRequest = {
  runtime: GatewayRuntime;
  config: GatewayConfig;
  key: GatewayKey;
  body: ChatRequestBody;
  request: RouteRequest;
  decision: Decision;
  /** When decide() was called (performance.now) and how long it took. */
  routingStartedAt: number;
  routingMs: number;
  /** Estimated prompt tokens of the upstream request (0 for a dry run). */
  promptTokens: number;
  /** USD held in the key's budget until the request ends (0 without a cap, or for a dry run). */
  reservedUsd: number;
  /** Where the answering tier is pinned for the session's or the conversation's next step. */
  pinKey?: string;
  /** The request as the client sent it (validated): `read`'s `inbound`, or the chat body. */
  inbound: unknown;
};

/** `execute`: the request will be carried out, so its estimated cost is reserved in the key's
 *  budget right after the decision, before anything else can run (settle it when it ends).
 *  `read`: the inbound API's body → the internal chat request and the inbound one (default: a chat completion request). */
export async function routeRequest(req: GatewayRequest, opts: { execute: boolean; read?: (req: GatewayRequest) => Promise<{ chat: ChatRequestBody; inbound: unknown }> }): Promise<RoutedRequest> {
  const runtime = gatewayRuntime();
  const config = runtime.config ?? (await loadedRuntime()).config; // loaded: no promise to wait for
  const key = authenticate(req, config);
  const limited = enforceRateLimit(runtime, key);
  if (limited) await limited;
  // only now: a request without a valid key is refused unread
  const read = opts.read ? await opts.read(req) : null;
  const body = read ? read.chat : await readChatBody(req);
  const resolved = resolveModel(body.model, key, config);
  const request = toRouteRequest(body, req, resolved);
  const pin = pinKeys(key, request, resolved.policy);
  const pinnedTier = pin.lookup ? await runtime.pins.lookup(pin.lookup, Date.now()) : undefined;
  if (key.monthlyBudgetUsd !== null && opts.execute) await runtime.syncBudget(key.id);
  const ctx = engineContext(runtime, key, pinnedTier, request);
  const started = performance.now();
  const decision = decide(config.snapshot, resolved.policy, request, ctx);
  const routingMs = performance.now() - started;
  if (isRejection(decision)) throw rejectionError(decision);
  const promptTokens = opts.execute ? decision.thresholds.promptTokens : 0; // the decision's estimate, or its count where it counted
  let reservedUsd = 0;
  if (opts.execute && key.monthlyBudgetUsd !== null) {
    const tier = config.snapshot.tiers.get(decision.tier);
    const maxOutput = body.max_completion_tokens ?? body.max_tokens;
    // The estimate reserves unless even the prompt's byte count could reach the cap: then the
    // reservation is counted with the tier's tokenizer (~1 ms per 2,000 tokens, near the cap only).
    const left = key.monthlyBudgetUsd - runtime.budgets.committed(key.id, Date.now());
    const nearCap = tier !== undefined && reservedCostUsd(tier, promptTokenBound(request.messages), maxOutput) > left;
    // the decision's own counter: a prompt it already counted for this encoding is not counted again
    const tokens = nearCap ? (ctx.exactTokens?.(tier)?.tokens ?? promptTokens) : promptTokens;
    reservedUsd = reservedCostUsd(tier, tokens, maxOutput);
    runtime.budgets.reserve(key.id, reservedUsd);
  }
  return { runtime, config, key, body, request, decision, routingStartedAt: started, routingMs, promptTokens, reservedUsd, pinKey: pin.store, inbound: read ? read.inbound : body };
}
