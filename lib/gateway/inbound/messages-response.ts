/**
 * The answer of POST /api/v1/messages in Anthropic's shapes, from the chat shape every upstream
 * is mapped to: a message (text and tool_use blocks, stop_reason, usage), or the streaming events
 * message_start → content_block_start/delta/stop per block → message_delta (stop_reason, usage)
 * → message_stop.
 */
import { toAnthropicStopReason, type AnthropicBlock } from "../../providers/anthropic-map";
import type { ChatCompletion, ChatCompletionChunk, FinishReason, Usage } from "../../providers/index";
import { sseEvent, type EventWriter } from "./translate-sse";

function parseInput(args: string): unknown {
  try {
    return args ? JSON.parse(args) : {};
  } catch {
    return { arguments: args }; // as lib/providers/anthropic-map does the other way
  }
}

export function toAnthropicMessage(response: ChatCompletion, usage: Usage, id: string, model: string) {
  const choice = response.choices[0];
  const content: AnthropicBlock[] = [];
  if (choice?.message.content) content.push({ type: "text", text: choice.message.content });
  for (const call of choice?.message.tool_calls ?? []) content.push({ type: "tool_use", id: call.id, name: call.function.name, input: parseInput(call.function.arguments) });
  return {
    id,
    type: "message",
    role: "assistant",
    model,
    content,
    stop_reason: toAnthropicStopReason(choice?.finish_reason),
    stop_sequence: null,
    usage: { input_tokens: usage.promptTokens, output_tokens: usage.completionTokens },
  };
}

type Open = { kind: "text" } | { kind: "tool"; tool: number };

/** Chat completion chunks → Anthropic streaming events. */
export class MessagesEventWriter implements EventWriter {
  private index = -1;
  private open: Open | null = null;
  private finish: FinishReason | null = null;
  private usage = { input_tokens: 0, output_tokens: 0 };

  constructor(private readonly id: string, private readonly model: string) {}

  start(): string {
    const message = { id: this.id, type: "message", role: "assistant", model: this.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 0, output_tokens: 0 } };
    return sseEvent("message_start", { type: "message_start", message });
  }

  private close(): string {
    if (!this.open) return "";
    this.open = null;
    return sseEvent("content_block_stop", { type: "content_block_stop", index: this.index });
  }

  private begin(open: Open, block: object): string {
    const out = this.close();
    this.open = open;
    this.index++;
    return out + sseEvent("content_block_start", { type: "content_block_start", index: this.index, content_block: block });
  }

  private delta(delta: object): string {
    return sseEvent("content_block_delta", { type: "content_block_delta", index: this.index, delta });
  }

  chunk(chunk: ChatCompletionChunk): string {
    let out = "";
    if (chunk.usage) this.usage = { input_tokens: chunk.usage.prompt_tokens, output_tokens: chunk.usage.completion_tokens };
    const choice = chunk.choices?.[0];
    if (!choice) return out;
    const { content, tool_calls: calls } = choice.delta ?? {};
    if (content) {
      if (this.open?.kind !== "text") out += this.begin({ kind: "text" }, { type: "text", text: "" });
      out += this.delta({ type: "text_delta", text: content });
    }
    for (const call of calls ?? []) {
      if (this.open?.kind !== "tool" || this.open.tool !== call.index) {
        out += this.begin({ kind: "tool", tool: call.index }, { type: "tool_use", id: call.id ?? "", name: call.function?.name ?? "", input: {} });
      }
      if (call.function?.arguments) out += this.delta({ type: "input_json_delta", partial_json: call.function.arguments });
    }
    if (choice.finish_reason) this.finish = choice.finish_reason;
    return out;
  }

  end(): string {
    return (
      this.close() +
      sseEvent("message_delta", { type: "message_delta", delta: { stop_reason: toAnthropicStopReason(this.finish), stop_sequence: null }, usage: this.usage }) +
      sseEvent("message_stop", { type: "message_stop" })
    );
  }

  error(message: string): string {
    return sseEvent("error", { type: "error", error: { type: "api_error", message } });
  }
}
