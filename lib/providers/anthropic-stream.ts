// Anthropic streaming events (message_start, content_block_*, message_delta, message_stop)
// → OpenAI chat.completion.chunk objects, ending with a usage chunk.
import { mapStopReason } from "./anthropic-map";
import { ProviderError } from "./provider-error";
import type { SseEvent } from "./sse-parser";
import { parseJson } from "./upstream-request";
import type { ChatCompletionChunk, ChunkToolCallDelta } from "./types";

const ERROR_STATUS: Record<string, number> = {
  overloaded_error: 529, api_error: 500, rate_limit_error: 429, timeout_error: 504, invalid_request_error: 400,
};

interface StreamEventData {
  type: string;
  message?: { id: string; model: string; usage?: { input_tokens?: number; cache_creation_input_tokens?: number; cache_read_input_tokens?: number } };
  index?: number;
  content_block?: { type: string; id?: string; name?: string; text?: string };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string | null };
  usage?: { input_tokens?: number; output_tokens?: number };
  error?: { type?: string; message?: string };
}

export class AnthropicChunkMapper {
  private id = "";
  private model = "";
  private inputTokens = 0;
  private outputTokens = 0;
  private readonly toolIndex = new Map<number, number>();

  constructor(private readonly created = Math.floor(Date.now() / 1000)) {}

  private chunk(delta: ChatCompletionChunk["choices"][0]["delta"], finish: ChatCompletionChunk["choices"][0]["finish_reason"] = null): ChatCompletionChunk {
    return { id: this.id, object: "chat.completion.chunk", created: this.created, model: this.model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] };
  }

  private tool(delta: ChunkToolCallDelta): ChatCompletionChunk {
    return this.chunk({ tool_calls: [delta] });
  }

  /** Maps one SSE event to zero or more chunks; throws a ProviderError for `error` events. */
  map(event: SseEvent): ChatCompletionChunk[] {
    const data = parseJson<StreamEventData>(event.data, "a stream event");
    switch (data.type) {
      case "message_start": {
        const m = data.message!;
        this.id = m.id;
        this.model = m.model;
        const u = m.usage ?? {};
        this.inputTokens = (u.input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
        return [this.chunk({ role: "assistant", content: "" })];
      }
      case "content_block_start": {
        const block = data.content_block;
        if (block?.type === "tool_use") {
          const index = this.toolIndex.size;
          this.toolIndex.set(data.index ?? 0, index);
          return [this.tool({ index, id: block.id, type: "function", function: { name: block.name, arguments: "" } })];
        }
        return block?.type === "text" && block.text ? [this.chunk({ content: block.text })] : [];
      }
      case "content_block_delta": {
        const d = data.delta;
        if (d?.type === "text_delta" && d.text) return [this.chunk({ content: d.text })];
        if (d?.type === "input_json_delta" && d.partial_json) {
          return [this.tool({ index: this.toolIndex.get(data.index ?? 0) ?? 0, function: { arguments: d.partial_json } })];
        }
        return [];
      }
      case "message_delta": {
        if (data.usage?.output_tokens !== undefined) this.outputTokens = data.usage.output_tokens;
        if (data.usage?.input_tokens) this.inputTokens = data.usage.input_tokens;
        return data.delta?.stop_reason ? [this.chunk({}, mapStopReason(data.delta.stop_reason))] : [];
      }
      case "message_stop": {
        const usage = { prompt_tokens: this.inputTokens, completion_tokens: this.outputTokens, total_tokens: this.inputTokens + this.outputTokens };
        return [{ id: this.id, object: "chat.completion.chunk", created: this.created, model: this.model, choices: [], usage }];
      }
      case "error": {
        const type = data.error?.type ?? "api_error";
        const status = ERROR_STATUS[type] ?? 500;
        throw new ProviderError({ kind: "http", status, code: type, retryable: status !== 400, message: `upstream stream error: ${data.error?.message ?? type}` });
      }
      default:
        return []; // ping, content_block_stop, unknown future events
    }
  }
}
