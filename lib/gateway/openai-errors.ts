/**
 * Errors on /api/v1/* in OpenAI's shape `{ error: { message, type, param, code } }`, so SDKs
 * raise their usual exception classes (BadRequestError, AuthenticationError, ...).
 */
import { AppError, type ErrorCode } from "../http/app-error";

const TYPE_BY_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "invalid_request_error",
  413: "invalid_request_error",
  415: "invalid_request_error",
  429: "rate_limit_error",
  500: "api_error",
  502: "api_error",
  503: "api_error",
  504: "api_error",
};

export class GatewayError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    readonly param: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "GatewayError";
  }
}

export function openAiErrorBody(status: number, message: string, code: string | null, param: string | null = null) {
  return { error: { message, type: TYPE_BY_STATUS[status] ?? "api_error", param, code } };
}

const CODE_BY_APP_ERROR: Partial<Record<ErrorCode, string>> = {
  bad_request: "invalid_request",
  payload_too_large: "request_too_large",
  unsupported_media_type: "invalid_content_type",
};

export type ErrorReply = { status: number; headers: Record<string, string>; body: string };

export function reply(status: number, body: unknown, headers: Record<string, string>): ErrorReply {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}

/** Any error as a GatewayError: an AppError keeps its status and first issue's path, anything
 *  else is logged and becomes a generic 500. Every inbound API shapes errors from this. */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof AppError) {
    const param = error.issues?.[0]?.path ?? null;
    return new GatewayError(error.status, error.message, CODE_BY_APP_ERROR[error.code] ?? error.code, param, error.headers ?? {});
  }
  console.error("[frontdesk] gateway error:", error);
  return new GatewayError(500, "The gateway failed to handle this request.", "internal_error");
}

/** Any error as the gateway's response (a GatewayResponse): OpenAI's shape, the right status. */
export function openAiErrorResponse(error: unknown, extraHeaders: Record<string, string> = {}): ErrorReply {
  const e = toGatewayError(error);
  return reply(e.status, openAiErrorBody(e.status, e.message, e.code, e.param), { ...e.headers, ...extraHeaders });
}
