// OpenAI chat request → Anthropic Messages request, and Anthropic message → OpenAI chat.completion.
import { ProviderError } from "./provider-error";
import type { ChatCompletion, ChatMessage, ChatRequest, ContentPart, FinishReason, ToolCall } from "./types";

export type AnthropicBlock =
  | { type: "text"; text: string }
  | { type: "image"; source: { type: "base64"; media_type: string; data: string } | { type: "url"; url: string } }
  | { type: "tool_use"; id: string; name: string; input: unknown }
  | { type: "tool_result"; tool_use_id: string; content: string };

export interface AnthropicMessage { role: "user" | "assistant"; content: string | AnthropicBlock[] }

export interface AnthropicRequest {
  model: string;
  max_tokens: number;
  messages: AnthropicMessage[];
  system?: string;
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  tools?: Array<{ name: string; description?: string; input_schema: Record<string, unknown> }>;
  tool_choice?: { type: "auto" | "any" | "none" } | { type: "tool"; name: string };
  metadata?: { user_id: string };
  stream?: boolean;
}

export interface AnthropicResponse {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: Array<AnthropicBlock | { type: string; [key: string]: unknown }>;
  stop_reason: string | null;
  usage: { input_tokens: number; output_tokens: number; cache_creation_input_tokens?: number | null; cache_read_input_tokens?: number | null };
}

const STOP_REASONS: Record<string, FinishReason> = {
  end_turn: "stop", stop_sequence: "stop", pause_turn: "stop", max_tokens: "length", tool_use: "tool_calls", refusal: "content_filter",
};

export function mapStopReason(reason: string | null | undefined): FinishReason | null {
  return reason ? STOP_REASONS[reason] ?? "stop" : null;
}

const STOP_REASON_OF: Record<FinishReason, string> = {
  stop: "end_turn", length: "max_tokens", tool_calls: "tool_use", content_filter: "refusal", function_call: "tool_use",
};

/** The other way (the gateway's Messages API answering from any upstream). */
export function toAnthropicStopReason(finish: FinishReason | null | undefined): string {
  return finish ? STOP_REASON_OF[finish] ?? "end_turn" : "end_turn";
}

function textOf(content: ChatMessage["content"]): string {
  if (typeof content === "string") return content;
  return (content ?? []).map((part) => (typeof part.text === "string" ? part.text : "")).join("");
}

function toBlock(part: ContentPart): AnthropicBlock {
  if (part.type === "text") return { type: "text", text: String(part.text ?? "") };
  if (part.type === "image_url") {
    const url = part.image_url?.url ?? "";
    const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
    return data ? { type: "image", source: { type: "base64", media_type: data[1], data: data[2] } } : { type: "image", source: { type: "url", url } };
  }
  throw new ProviderError({ kind: "http", status: 400, retryable: true, message: `anthropic adapter: unsupported content part "${part.type}"` });
}

function toBlocks(message: ChatMessage): AnthropicBlock[] {
  const blocks: AnthropicBlock[] = [];
  if (message.role === "tool") return [{ type: "tool_result", tool_use_id: message.tool_call_id ?? "", content: textOf(message.content) }];
  if (typeof message.content === "string") {
    if (message.content) blocks.push({ type: "text", text: message.content });
  } else for (const part of message.content ?? []) blocks.push(toBlock(part));
  for (const call of message.tool_calls ?? []) {
    let input: unknown = {};
    try { input = call.function.arguments ? JSON.parse(call.function.arguments) : {}; } catch { input = { arguments: call.function.arguments }; }
    blocks.push({ type: "tool_use", id: call.id, name: call.function.name, input });
  }
  return blocks;
}

/** System/developer messages become `system`; tool results user turns; same-role turns merge. */
export function toAnthropicMessages(messages: ChatMessage[]): { system?: string; messages: AnthropicMessage[] } {
  const system: string[] = [];
  const out: AnthropicMessage[] = [];
  for (const message of messages) {
    if (message.role === "system" || message.role === "developer") {
      system.push(textOf(message.content));
      continue;
    }
    const role = message.role === "assistant" ? "assistant" : "user";
    const simple = typeof message.content === "string" && message.role !== "tool" && !message.tool_calls?.length;
    const last = out[out.length - 1];
    if (last?.role === role) {
      const prev = typeof last.content === "string" ? [{ type: "text" as const, text: last.content }] : last.content;
      last.content = [...prev, ...toBlocks(message)];
    } else out.push({ role, content: simple ? (message.content as string) : toBlocks(message) });
  }
  return system.length > 0 ? { system: system.join("\n\n"), messages: out } : { messages: out };
}

export function toAnthropicRequest(request: ChatRequest, model: string, defaultMaxTokens: number, stream: boolean): AnthropicRequest {
  const body: AnthropicRequest = { model, max_tokens: request.max_completion_tokens ?? request.max_tokens ?? defaultMaxTokens, ...toAnthropicMessages(request.messages) };
  if (request.stop) body.stop_sequences = Array.isArray(request.stop) ? request.stop : [request.stop];
  if (typeof request.temperature === "number") body.temperature = Math.min(1, Math.max(0, request.temperature));
  if (typeof request.top_p === "number") body.top_p = request.top_p;
  if (request.user) body.metadata = { user_id: request.user };
  if (request.tools?.length) {
    body.tools = request.tools.map((t) => ({ name: t.function.name, description: t.function.description, input_schema: t.function.parameters ?? { type: "object", properties: {} } }));
  }
  const choice = request.tool_choice;
  if (choice && body.tools) {
    body.tool_choice = typeof choice === "object" ? { type: "tool", name: choice.function.name } : { type: choice === "required" ? "any" : choice };
  }
  if (stream) body.stream = true;
  return body;
}

export function fromAnthropicResponse(message: AnthropicResponse, created = Math.floor(Date.now() / 1000)): ChatCompletion {
  let text = "";
  const toolCalls: ToolCall[] = [];
  for (const block of message.content ?? []) {
    if (block.type === "text") text += (block as { text: string }).text;
    else if (block.type === "tool_use") {
      const use = block as Extract<AnthropicBlock, { type: "tool_use" }>;
      toolCalls.push({ id: use.id, type: "function", function: { name: use.name, arguments: JSON.stringify(use.input ?? {}) } });
    }
  }
  const u = message.usage ?? { input_tokens: 0, output_tokens: 0 };
  const prompt = u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
  return {
    id: message.id,
    object: "chat.completion",
    created,
    model: message.model,
    choices: [{
      index: 0,
      message: { role: "assistant", content: text || (toolCalls.length ? null : ""), ...(toolCalls.length ? { tool_calls: toolCalls } : {}), refusal: null },
      finish_reason: mapStopReason(message.stop_reason),
      logprobs: null,
    }],
    usage: { prompt_tokens: prompt, completion_tokens: u.output_tokens, total_tokens: prompt + u.output_tokens },
  };
}
