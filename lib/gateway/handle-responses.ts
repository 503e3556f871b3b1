/**
 * POST /api/v1/responses — OpenAI's Responses API in (stateless), through the same route →
 * execute → log path as chat completions (serve-inbound.ts); any tier answers it.
 */
import type { GatewayRequest, GatewayResponse } from "./gateway-io";
import type { InboundApi } from "./inbound/inbound-api";
import { responsesRequestSchema, responsesToChat, type ResponsesRequest } from "./inbound/responses-request";
import { ResponsesEventWriter, toResponse } from "./inbound/responses-response";
import { translateSse } from "./inbound/translate-sse";
import { openAiErrorResponse } from "./openai-errors";
import { parseBody, parseJsonBody } from "./prepare-request";
import { serveInbound } from "./serve-inbound";

export const RESPONSES_API: InboundApi<ResponsesRequest> = {
  name: "responses",
  read: async (req) => {
    const inbound = parseBody(responsesRequestSchema, await parseJsonBody(req));
    return { chat: responsesToChat(inbound), inbound };
  },
  json: (result, ctx) => JSON.stringify(toResponse(ctx.inbound, ctx, result.response, result.usage)),
  sse: (chat, ctx) => translateSse(chat, new ResponsesEventWriter(ctx.inbound, ctx)),
  errorResponse: (error, headers) => openAiErrorResponse(error, headers),
};

export function handleResponses(req: GatewayRequest): Promise<GatewayResponse> {
  return serveInbound(req, RESPONSES_API);
}
