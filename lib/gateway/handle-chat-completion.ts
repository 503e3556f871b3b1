/**
 * POST /api/v1/chat/completions — OpenAI's Chat Completions API, the gateway's internal shape:
 * the body is the chat request as validated, and the upstream's answer goes out as received
 * (served by serve-inbound.ts, like the other inbound APIs).
 */
import type { ChatCompletion, ProviderResult } from "../providers/index";
import type { ChatRequestBody } from "./chat-request-schema";
import type { GatewayRequest, GatewayResponse } from "./gateway-io";
import type { AnswerContext, InboundApi } from "./inbound/inbound-api";
import { openAiErrorResponse } from "./openai-errors";
import { readChatBody } from "./prepare-request";
import { serveInbound } from "./serve-inbound";

/** Removes every choice's logprobs; true when there were any. */
function stripLogprobs(response: ChatCompletion): boolean {
  let found = false;
  for (const choice of response.choices) {
    if (choice.logprobs == null) continue; // OpenAI sends `logprobs: null` when none were asked for: nothing to remove
    delete choice.logprobs;
    found = true;
  }
  return found;
}

export const CHAT_API: InboundApi<ChatRequestBody> = {
  name: "chat",
  read: async (req) => {
    const chat = await readChatBody(req);
    return { chat, inbound: chat };
  },
  json: ({ response, raw }: ProviderResult, ctx: AnswerContext<ChatRequestBody>) => {
    // Logprobs asked for by the router (to score confidence) are not the client's to receive.
    // Otherwise the upstream's own text goes out as received (no second JSON.stringify per answer).
    const stripped = !ctx.body.logprobs && stripLogprobs(response);
    return raw !== undefined && !stripped ? raw : JSON.stringify(response);
  },
  sse: (chat) => chat,
  errorResponse: (error, headers) => openAiErrorResponse(error, headers),
};

export function handleChatCompletion(req: GatewayRequest): Promise<GatewayResponse> {
  return serveInbound(req, CHAT_API);
}
