// OpenAI-compatible SSE streams: the upstream's bytes pass through untouched (sse()) while an
// incremental parser feeds the summary; chunks() yields the parsed chunk objects.
import { ChunkAccumulator } from "./answer";
import type { HttpCall, ResponseHead } from "./http-call";
import { ProviderError } from "./provider-error";
import { createProviderStream } from "./provider-stream";
import { SseParser } from "./sse-parser";
import { isEventStream, parseJson, streamTimeouts, type NetworkOptions } from "./upstream-request";
import type { ChatCompletion, ChatCompletionChunk, ChatRequest, ProviderStream, ProviderTarget } from "./types";

interface OpenAiStreamInit {
  target: ProviderTarget;
  request: ChatRequest;
  call: HttpCall;
  res: ResponseHead;
  now: () => number;
  started: number;
  options: NetworkOptions;
}

type StreamErrorBody = { error?: { message?: string; code?: string | number; type?: string } };

/** Parses one SSE data payload into a chunk (null for [DONE]); throws on in-stream errors. */
export function parseChunkData(data: string): ChatCompletionChunk | null {
  if (data === "[DONE]") return null;
  const parsed = parseJson<ChatCompletionChunk & StreamErrorBody>(data, "a stream chunk");
  if (parsed.error && !parsed.choices) {
    throw new ProviderError({ kind: "http", retryable: true, message: `upstream stream error: ${parsed.error.message ?? "unknown"}`, code: String(parsed.error.code ?? parsed.error.type ?? "") || undefined });
  }
  return parsed;
}

/** One chunk holding a whole completion (for upstreams that ignore stream: true). */
export function completionToChunks(response: ChatCompletion): ChatCompletionChunk[] {
  const base = { id: response.id, object: "chat.completion.chunk" as const, created: response.created, model: response.model };
  const chunks: ChatCompletionChunk[] = response.choices.map((choice) => ({
    ...base,
    choices: [{
      index: choice.index,
      delta: {
        role: "assistant",
        content: choice.message.content,
        ...(choice.message.tool_calls ? { tool_calls: choice.message.tool_calls.map((call, index) => ({ index, ...call })) } : {}),
      },
      finish_reason: choice.finish_reason,
      logprobs: choice.logprobs ?? null,
    }],
  }));
  if (response.usage) chunks.push({ ...base, choices: [], usage: response.usage });
  return chunks;
}

export async function openAiStream(init: OpenAiStreamInit): Promise<ProviderStream> {
  const { target, request, call, res, now, started } = init;
  const ctx = {
    tier: target.name,
    accumulator: new ChunkAccumulator(request, now, started, target.model),
    now,
    startedAt: started,
    abort: () => call.fail(new ProviderError({ kind: "aborted", message: "stream aborted" })),
  };
  if (!isEventStream(res)) {
    const response = parseJson<ChatCompletion>(await call.readText(), "chat.completion");
    if (!Array.isArray(response?.choices)) throw new ProviderError({ kind: "invalid_response", message: "upstream answer has no choices" });
    const chunks = completionToChunks(response);
    return createProviderStream({ kind: "chunks", chunks: (async function* () { yield* chunks; })() }, ctx);
  }
  const { stallMs, streamMs } = streamTimeouts(target, init.options);
  const parser = new SseParser();
  const toChunks = (events: ReturnType<SseParser["push"]>) => {
    const out: ChatCompletionChunk[] = [];
    for (const event of events) {
      const chunk = parseChunkData(event.data);
      if (chunk) out.push(chunk);
    }
    return out;
  };
  const onFirst = () => call.setDeadline(Math.max(1, streamMs - (now() - started)), `upstream stream exceeded ${streamMs} ms`);
  return createProviderStream({
    kind: "bytes",
    bytes: call.body(stallMs, onFirst),
    decode: (part) => toChunks(parser.push(part)),
    flush: () => toChunks(parser.end()),
  }, ctx);
}
