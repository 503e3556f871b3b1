// Shared by the HTTP adapters: open a pooled exchange, turn non-2xx answers into ProviderErrors,
// parse JSON bodies, and the per-target option schema for network providers.
import type { Dispatcher } from "undici";
import { z } from "zod";
import { HttpCall, type ResponseHead } from "./http-call";
import { DEFAULT_MAX_SOCKETS, getPool } from "./http-pool";
import { httpError, ProviderError } from "./provider-error";
import type { ProviderTarget } from "./types";

export const networkOptionsSchema = z.object({
  /** Max gap between stream chunks (default min(timeoutMs, 30 s)). */
  stallTimeoutMs: z.number().int().positive().optional(),
  /** Whole-stream bound once the first chunk arrived (default max(timeoutMs, 10 min)). */
  streamTimeoutMs: z.number().int().positive().optional(),
  maxSockets: z.number().int().positive().max(10_000).default(DEFAULT_MAX_SOCKETS),
  /** Extra headers sent upstream (e.g. OpenRouter's HTTP-Referer, OpenAI-Organization). */
  headers: z.record(z.string(), z.string()).default({}),
  /** Anthropic only. */
  anthropicVersion: z.string().default("2023-06-01"),
  /** Anthropic only: max_tokens when the request sets none (the API requires it). */
  defaultMaxTokens: z.number().int().positive().default(4096),
});
export type NetworkOptions = z.infer<typeof networkOptionsSchema>;

const parsedOptions = new WeakMap<object, NetworkOptions>();
const EMPTY = {};

/** Validated options, parsed once per options object (tiers are long-lived config snapshots). */
export function networkOptions(target: ProviderTarget): NetworkOptions {
  const raw = target.options ?? EMPTY;
  let parsed = parsedOptions.get(raw);
  if (!parsed) {
    const result = networkOptionsSchema.safeParse(raw);
    if (!result.success) throw new ProviderError({ kind: "invalid_response", retryable: false, message: `invalid options for tier ${target.name}: ${result.error.message}` });
    parsed = result.data;
    parsedOptions.set(raw, parsed);
  }
  return parsed;
}

export function streamTimeouts(target: ProviderTarget, options: NetworkOptions) {
  return {
    stallMs: options.stallTimeoutMs ?? Math.min(target.timeoutMs, 30_000),
    streamMs: options.streamTimeoutMs ?? Math.max(target.timeoutMs, 600_000),
  };
}

/** The target's headers plus a call's own (a new object only when there are any: targets' headers are shared). */
export function withCallHeaders(base: Record<string, string>, extra: Record<string, string> | undefined): Record<string, string> {
  return extra ? { ...base, ...extra } : base;
}

export interface OpenInit {
  url: URL;
  method?: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxSockets: number;
  /** The origin's pool, when the caller already has it (else looked up by origin). */
  pool?: Dispatcher;
  signal?: AbortSignal;
}

/** Sends the request; resolves on a 2xx answer's headers, throws a ProviderError otherwise. */
export async function openCall(init: OpenInit): Promise<{ call: HttpCall; res: ResponseHead }> {
  // No content-length here: undici sets it for a string body (no chunked encoding).
  const call = new HttpCall({
    url: init.url,
    method: init.method ?? "POST",
    headers: init.headers,
    body: init.body,
    pool: init.pool ?? getPool(init.url, init.maxSockets),
    timeoutMs: init.timeoutMs,
    signal: init.signal,
  });
  const res = await call.start();
  const status = res.statusCode;
  if (status < 200 || status >= 300) {
    const text = await call.readText();
    throw httpError(status, text, res.headers);
  }
  return { call, res };
}

export function parseJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ProviderError({ kind: "invalid_response", message: `upstream sent invalid JSON for ${what}: ${text.slice(0, 200)}` });
  }
}

export function isEventStream(res: ResponseHead): boolean {
  return String(res.headers["content-type"] ?? "").includes("text/event-stream");
}
