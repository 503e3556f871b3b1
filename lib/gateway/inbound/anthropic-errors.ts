/**
 * Errors of POST /api/v1/messages in Anthropic's shape `{"type":"error","error":{"type","message"}}`,
 * so Anthropic's clients raise their usual classes (BadRequestError, AuthenticationError, ...).
 */
import type { GatewayResponse } from "../gateway-io";
import { reply, toGatewayError } from "../openai-errors";

const TYPE_BY_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  415: "invalid_request_error",
  429: "rate_limit_error",
  504: "timeout_error",
  529: "overloaded_error",
};

export function anthropicErrorResponse(error: unknown, extraHeaders: Record<string, string> = {}): GatewayResponse {
  const e = toGatewayError(error);
  const type = TYPE_BY_STATUS[e.status] ?? (e.status < 500 ? "invalid_request_error" : "api_error");
  return reply(e.status, { type: "error", error: { type, message: e.message } }, { ...e.headers, ...extraHeaders });
}
