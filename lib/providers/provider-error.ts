// The one error type adapters throw, so the router can decide to fall back without parsing text.
import type { Failure } from "../routing/execution/types";

export type ProviderErrorKind = "http" | "timeout" | "connection" | "stalled" | "aborted" | "invalid_response";

export interface ProviderErrorInit {
  kind: ProviderErrorKind;
  message: string;
  status?: number;
  retryable?: boolean;
  /** The tier (target name) that failed. */
  tier?: string;
  /** Time the failed attempt cost, ms. */
  elapsedMs?: number;
  /** From a Retry-After header (429/503), ms. */
  retryAfterMs?: number;
  /** The upstream's error code or type, when it sent one. */
  code?: string;
  cause?: unknown;
}

const RETRYABLE_STATUS = new Set([408, 409, 425, 429, 500, 502, 503, 504, 529]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUS.has(status) || status >= 500;
}

function defaultRetryable(kind: ProviderErrorKind, status?: number): boolean {
  if (kind === "aborted") return false;
  if (kind === "http") return status !== undefined && isRetryableStatus(status);
  return true;
}

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly status?: number;
  readonly retryable: boolean;
  tier?: string;
  elapsedMs?: number;
  readonly retryAfterMs?: number;
  readonly code?: string;

  constructor(init: ProviderErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "ProviderError";
    this.kind = init.kind;
    this.status = init.status;
    this.retryable = init.retryable ?? defaultRetryable(init.kind, init.status);
    this.tier = init.tier;
    this.elapsedMs = init.elapsedMs;
    this.retryAfterMs = init.retryAfterMs;
    this.code = init.code;
  }

  toJSON() {
    const { kind, status, retryable, tier, elapsedMs, retryAfterMs, code, message } = this;
    return { kind, status, retryable, tier, elapsedMs, retryAfterMs, code, message };
  }
}

export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError;
}

/** An error as the execution machine classifies it: a ProviderError by its kind, anything else "internal". */
export function toFailure(error: unknown): Failure {
  if (isProviderError(error)) return { kind: error.kind, status: error.status, retryable: error.retryable, message: error.message, raw: error };
  return { kind: "internal", message: error instanceof Error ? error.message : String(error), raw: error };
}

/** Parses Retry-After (seconds or an HTTP date) into ms. */
export function parseRetryAfter(header: string | string[] | undefined, nowMs = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Builds the error for a non-2xx upstream answer from its (possibly JSON) body. */
export function httpError(status: number, body: string, headers: Record<string, string | string[] | undefined>): ProviderError {
  let message = body.slice(0, 500);
  let code: string | undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string; type?: string; code?: string } | string; message?: string };
    const err = parsed.error;
    if (typeof err === "string") message = err;
    else if (err) {
      message = err.message ?? message;
      code = err.code ?? err.type;
    } else if (parsed.message) message = parsed.message;
  } catch {
    // not JSON: keep the raw text
  }
  return new ProviderError({
    kind: "http",
    status,
    message: `upstream ${status}: ${message}`,
    code: code === undefined || code === null ? undefined : String(code),
    retryAfterMs: parseRetryAfter(headers["retry-after"]),
  });
}

/** Stamps the tier and elapsed time on an error (wrapping non-ProviderErrors as connection errors). */
export function withContext(error: unknown, tier: string, elapsedMs: number): ProviderError {
  const err = error instanceof ProviderError
    ? error
    : new ProviderError({ kind: "connection", message: error instanceof Error ? error.message : String(error), cause: error });
  err.tier ??= tier;
  err.elapsedMs ??= Math.round(elapsedMs * 1000) / 1000;
  return err;
}
