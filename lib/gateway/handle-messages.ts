/**
 * POST /api/v1/messages — Anthropic's Messages API in, through the same route → execute → log path
 * as chat completions (serve-inbound.ts), so the Anthropic SDK works with `baseURL` set to
 * Frontdesk's `/api`. Any tier answers it (OpenAI-compatible ones through the chat shape).
 * POST /api/v1/messages/count_tokens — the prompt counted as the tier it would go to counts it
 * (agents such as Claude Code ask before they send): no routing, no upstream call, no log row.
 */
import type { ProviderResult } from "../providers/index";
import type { GatewayRequest, GatewayResponse } from "./gateway-io";
import { anthropicErrorResponse } from "./inbound/anthropic-errors";
import type { AnswerContext, InboundApi } from "./inbound/inbound-api";
import { MessagesEventWriter, toAnthropicMessage } from "./inbound/messages-response";
import { messagesRequestSchema, messagesToChat, type MessagesRequest } from "./inbound/messages-request";
import { translateSse } from "./inbound/translate-sse";
import { countMessageTokens } from "../providers/count-tokens";
import { jsonResponse } from "./gateway-io";
import { loadedRuntime } from "./gateway-runtime";
import { authenticate, enforceRateLimit, parseBody, parseJsonBody, resolveModel, toRouteRequest } from "./prepare-request";
import { serveInbound } from "./serve-inbound";

const messageId = (ctx: AnswerContext<unknown>) => `msg_${ctx.id.replaceAll("-", "")}`;

export const MESSAGES_API: InboundApi<MessagesRequest> = {
  name: "messages",
  read: async (req) => {
    const inbound = parseBody(messagesRequestSchema, await parseJsonBody(req));
    return { chat: messagesToChat(inbound), inbound };
  },
  json: (result: ProviderResult, ctx) => JSON.stringify(toAnthropicMessage(result.response, result.usage, messageId(ctx), ctx.model)),
  sse: (chat, ctx) => translateSse(chat, new MessagesEventWriter(messageId(ctx), ctx.model)),
  errorResponse: anthropicErrorResponse,
};

export function handleMessages(req: GatewayRequest): Promise<GatewayResponse> {
  return serveInbound(req, MESSAGES_API);
}

/**
 * The prompt's input tokens with the tokenizer of the tier the model names — a tier name, or the
 * policy's cheapest enabled tier for frontdesk/auto and frontdesk/<policy> (every tier of a
 * policy sees the same prompt; Claude's own tokenizer is not shipped, so Claude tiers count with
 * cl100k_base, lib/providers/count-tokens). Tool definitions count as their JSON.
 */
export async function handleCountTokens(req: GatewayRequest): Promise<GatewayResponse> {
  try {
    const { runtime, config } = await loadedRuntime();
    const key = authenticate(req, config);
    await enforceRateLimit(runtime, key);
    const raw = await parseJsonBody(req);
    // count_tokens takes the Messages body without max_tokens
    const withMax = raw && typeof raw === "object" && !Array.isArray(raw) && !("max_tokens" in raw) ? { ...raw, max_tokens: 1 } : raw;
    const body = parseBody(messagesRequestSchema, withMax);
    const chat = messagesToChat(body);
    const resolved = resolveModel(chat.model, key, config);
    const { snapshot } = config;
    const tierName = resolved.explicitTier ?? snapshot.policies.get(resolved.policy)?.tiers.find((t) => snapshot.tiers.get(t)?.enabled);
    const model = (tierName && snapshot.tiers.get(tierName)?.model) || chat.model;
    const texts = toRouteRequest(chat, req, resolved).messages.map((m) => m.content);
    if (body.tools?.length) texts.push(JSON.stringify(body.tools));
    const counted = countMessageTokens(texts, model);
    return jsonResponse(200, { input_tokens: counted.tokens }, { "x-frontdesk-encoding": counted.encoding, ...(tierName ? { "x-frontdesk-tier": tierName } : {}) });
  } catch (error) {
    return anthropicErrorResponse(error);
  }
}
