/**
 * POST /api/v1/messages — Anthropic's Messages API in, through the same route → execute → log path
 * as chat completions (serve-inbound.ts), so the Anthropic SDK works with `baseURL` set to
 * Frontdesk's `/api`. Any tier answers it (OpenAI-compatible ones through the chat shape).
 */
import type { ProviderResult } from "../providers/index";
import type { GatewayRequest, GatewayResponse } from "./gateway-io";
import { anthropicErrorResponse } from "./inbound/anthropic-errors";
import type { AnswerContext, InboundApi } from "./inbound/inbound-api";
import { MessagesEventWriter, toAnthropicMessage } from "./inbound/messages-response";
import { messagesRequestSchema, messagesToChat, type MessagesRequest } from "./inbound/messages-request";
import { translateSse } from "./inbound/translate-sse";
import { invalidBody, parseJsonBody } from "./prepare-request";
import { serveInbound } from "./serve-inbound";

const messageId = (ctx: AnswerContext<unknown>) => `msg_${ctx.id.replaceAll("-", "")}`;

export const MESSAGES_API: InboundApi<MessagesRequest> = {
  name: "messages",
  read: async (req) => {
    const parsed = messagesRequestSchema.safeParse(await parseJsonBody(req));
    if (!parsed.success) throw invalidBody(parsed.error);
    return { chat: messagesToChat(parsed.data), inbound: parsed.data };
  },
  json: (result: ProviderResult, ctx) => JSON.stringify(toAnthropicMessage(result.response, result.usage, messageId(ctx), ctx.model)),
  sse: (chat, ctx) => translateSse(chat, new MessagesEventWriter(messageId(ctx), ctx.model)),
  errorResponse: anthropicErrorResponse,
};

export function handleMessages(req: GatewayRequest): Promise<GatewayResponse> {
  return serveInbound(req, MESSAGES_API);
}
