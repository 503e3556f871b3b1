// Anthropic's Messages API: POST {baseUrl}/v1/messages with x-api-key and anthropic-version,
// mapped to and from OpenAI's chat shapes (streaming included). No logprobs on this API.
import { answerFromCompletion, ChunkAccumulator, monotonicNow, toUsage } from "./answer";
import { fromAnthropicResponse, toAnthropicRequest, type AnthropicResponse } from "./anthropic-map";
import { AnthropicChunkMapper } from "./anthropic-stream";
import type { HttpCall } from "./http-call";
import { joinUrl } from "./http-pool";
import { ProviderError, withContext } from "./provider-error";
import { createProviderStream } from "./provider-stream";
import { SseParser } from "./sse-parser";
import { isEventStream, networkOptions, openCall, parseJson, streamTimeouts, withCallHeaders } from "./upstream-request";
import type { CallOptions, ChatCompletionChunk, ChatRequest, ProviderResult, ProviderStream, ProviderTarget } from "./types";

export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";

/** Accepts "https://api.anthropic.com" and ".../v1" alike. */
export function anthropicUrl(baseUrl: string | undefined, path: "/messages" | "/models"): URL {
  const base = (baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL).replace(/\/+$/, "");
  return joinUrl(base, base.endsWith("/v1") ? path : `/v1${path}`);
}

export function anthropicHeaders(target: ProviderTarget, stream: boolean): Record<string, string> {
  const options = networkOptions(target);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: stream ? "text/event-stream" : "application/json",
    "anthropic-version": options.anthropicVersion,
    ...options.headers,
  };
  if (target.apiKey) headers["x-api-key"] = target.apiKey;
  return headers;
}

function open(target: ProviderTarget, request: ChatRequest, opts: CallOptions, stream: boolean) {
  const options = networkOptions(target);
  const body = toAnthropicRequest(request, target.model, options.defaultMaxTokens, stream);
  return openCall({
    url: anthropicUrl(target.baseUrl, "/messages"),
    headers: withCallHeaders(anthropicHeaders(target, stream), opts.headers),
    body: JSON.stringify(body),
    timeoutMs: target.timeoutMs,
    maxSockets: options.maxSockets,
    signal: opts.signal,
  });
}

export async function callAnthropic(target: ProviderTarget, request: ChatRequest, opts: CallOptions = {}): Promise<ProviderResult> {
  const now = opts.now ?? monotonicNow;
  const started = now();
  try {
    const { call } = await open(target, request, opts, false);
    const message = parseJson<AnthropicResponse>(await call.readText(), "an Anthropic message");
    if (!message || !Array.isArray(message.content)) throw new ProviderError({ kind: "invalid_response", message: "upstream message has no content" });
    const response = fromAnthropicResponse(message);
    const answer = answerFromCompletion(response);
    return { response, answer, usage: toUsage(response.usage, request, answer, target.model), upstreamMs: now() - started };
  } catch (error) {
    throw withContext(error, target.name, now() - started);
  }
}

async function* anthropicChunks(call: HttpCall, stallMs: number, onFirst: () => void): AsyncGenerator<ChatCompletionChunk> {
  const parser = new SseParser();
  const mapper = new AnthropicChunkMapper();
  for await (const part of call.body(stallMs, onFirst)) {
    for (const event of parser.push(part)) yield* mapper.map(event);
  }
  for (const event of parser.end()) yield* mapper.map(event);
}

export async function streamAnthropic(target: ProviderTarget, request: ChatRequest, opts: CallOptions = {}): Promise<ProviderStream> {
  const now = opts.now ?? monotonicNow;
  const started = now();
  try {
    const { call, res } = await open(target, request, opts, true);
    if (!isEventStream(res)) {
      const error = new ProviderError({ kind: "invalid_response", message: `expected text/event-stream, got ${res.headers["content-type"]}` });
      call.fail(error);
      throw error;
    }
    const { stallMs, streamMs } = streamTimeouts(target, networkOptions(target));
    const onFirst = () => call.setDeadline(Math.max(1, streamMs - (now() - started)), `upstream stream exceeded ${streamMs} ms`);
    return createProviderStream({ kind: "chunks", chunks: anthropicChunks(call, stallMs, onFirst) }, {
      tier: target.name,
      accumulator: new ChunkAccumulator(request, now, started, target.model),
      now,
      startedAt: started,
      abort: () => call.fail(new ProviderError({ kind: "aborted", message: "stream aborted" })),
    });
  } catch (error) {
    throw withContext(error, target.name, now() - started);
  }
}
