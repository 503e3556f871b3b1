// Any OpenAI-compatible upstream (OpenAI, vLLM, Ollama, llama.cpp, OpenRouter, ...):
// POST {baseUrl}/chat/completions with a Bearer key; the request's fields in OPENAI_REQUEST_FIELDS pass through, no others.
import { answerFromCompletion, monotonicNow, toUsage } from "./answer";
import type { Dispatcher } from "undici";
import { getPool, joinUrl } from "./http-pool";
import { openAiStream } from "./openai-stream";
import { ProviderError, withContext } from "./provider-error";
import { OPENAI_REQUEST_FIELDS } from "./request-fields";
import { networkOptions, openCall, parseJson, withCallHeaders, type NetworkOptions, type OpenInit } from "./upstream-request";
import type { CallOptions, ChatCompletion, ChatRequest, ProviderResult, ProviderStream, ProviderTarget } from "./types";

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** Upstreams (base URL + model) that rejected `logprobs`: not asked again in this process. */
const noLogprobs = new Set<string>();

export function buildOpenAiBody(target: ProviderTarget, request: ChatRequest, stream: boolean, askLogprobs: boolean): string {
  const body: Record<string, unknown> = { model: target.model };
  for (const field of OPENAI_REQUEST_FIELDS) {
    const value = request[field];
    if (value !== undefined) body[field] = value;
  }
  if (askLogprobs) body.logprobs = true;
  if (stream) {
    body.stream = true;
    body.stream_options = { ...request.stream_options, include_usage: true };
  }
  return JSON.stringify(body);
}

export function openAiHeaders(target: ProviderTarget, options: NetworkOptions, stream: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: stream ? "text/event-stream" : "application/json",
    ...options.headers,
  };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  return headers;
}

function isLogprobsRejection(error: unknown): boolean {
  return error instanceof ProviderError && error.status === 400 && /logprob/i.test(error.message);
}

interface Prepared {
  url: URL;
  pool: Dispatcher;
  headers: { json: Record<string, string>; stream: Record<string, string> };
  /** Identifies the upstream model for the logprobs memory. */
  key: string;
}

/** Per-target constants (URL, pool, headers), computed once: targets are immutable config. */
const preparedTargets = new WeakMap<ProviderTarget, Prepared>();

function prepare(target: ProviderTarget): Prepared {
  let prepared = preparedTargets.get(target);
  if (!prepared) {
    const options = networkOptions(target);
    const url = joinUrl(target.baseUrl ?? OPENAI_DEFAULT_BASE_URL, "/chat/completions");
    prepared = {
      url,
      pool: getPool(url, options.maxSockets),
      headers: { json: openAiHeaders(target, options, false), stream: openAiHeaders(target, options, true) },
      key: `${url.href}\u0000${target.model}`,
    };
    preparedTargets.set(target, prepared);
  }
  return prepared;
}

/** Opens the exchange; retries once without logprobs when we added them and the upstream says 400. */
async function open(target: ProviderTarget, request: ChatRequest, opts: CallOptions, stream: boolean, started: number, now: () => number) {
  const { url, pool, headers, key } = prepare(target);
  const injected = opts.wantLogprobs === true && request.logprobs !== true && !noLogprobs.has(key);
  const init: OpenInit = { url, pool, headers: withCallHeaders(stream ? headers.stream : headers.json, opts.headers), timeoutMs: target.timeoutMs, maxSockets: 0, signal: opts.signal };
  try {
    init.body = buildOpenAiBody(target, request, stream, injected);
    return await openCall(init);
  } catch (error) {
    if (!injected || !isLogprobsRejection(error)) throw error;
    noLogprobs.add(key);
    const rest = { ...request };
    delete rest.top_logprobs;
    return openCall({ ...init, timeoutMs: Math.max(1, target.timeoutMs - (now() - started)), body: buildOpenAiBody(target, rest, stream, false) });
  }
}

export async function callOpenAi(target: ProviderTarget, request: ChatRequest, opts: CallOptions = {}): Promise<ProviderResult> {
  const now = opts.now ?? monotonicNow;
  const started = now();
  try {
    const { call } = await open(target, request, opts, false, started, now);
    const text = await call.readText();
    const response = parseJson<ChatCompletion>(text, "chat.completion");
    if (!response || !Array.isArray(response.choices)) {
      throw new ProviderError({ kind: "invalid_response", message: `upstream answer has no choices: ${text.slice(0, 200)}` });
    }
    const answer = answerFromCompletion(response);
    return { response, raw: text, answer, usage: toUsage(response.usage, request, answer, target.model), upstreamMs: now() - started };
  } catch (error) {
    throw withContext(error, target.name, now() - started);
  }
}

export async function streamOpenAi(target: ProviderTarget, request: ChatRequest, opts: CallOptions = {}): Promise<ProviderStream> {
  const now = opts.now ?? monotonicNow;
  const started = now();
  try {
    const { call, res } = await open(target, request, opts, true, started, now);
    return await openAiStream({ target, request, call, res, now, started, options: networkOptions(target) });
  } catch (error) {
    throw withContext(error, target.name, now() - started);
  }
}

/** Forgets which upstreams rejected logprobs (tests). */
export function resetLogprobsMemory(): void {
  noLogprobs.clear();
}
