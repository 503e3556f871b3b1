// The Anthropic test upstream's answers: Messages API bodies and streaming events.
import { baseModel, type Behavior } from "./behavior";
import { words } from "./http-helpers";

export interface AnthropicRequestBody {
  model?: unknown;
  max_tokens?: unknown;
  messages?: Array<{ role?: unknown; content?: unknown }>;
  system?: unknown;
  tools?: Array<{ name?: string }>;
  stream?: boolean;
  [key: string]: unknown;
}

export const TOOL_INPUT = { query: "test" };
export const ANTHROPIC_DEFAULT_REPLY = "Hello from the Anthropic test upstream.";

/** The API's own 400s for the mistakes an adapter could make. */
export function validateRequest(body: AnthropicRequestBody | undefined): string | null {
  if (!body) return "invalid JSON body";
  if (typeof body.model !== "string") return "model: Field required";
  if (typeof body.max_tokens !== "number") return "max_tokens: Field required";
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "messages: Field required";
  if (body.system !== undefined && typeof body.system !== "string" && !Array.isArray(body.system)) return "system: Input should be a valid string";
  for (const [i, m] of body.messages.entries()) {
    if (m.role !== "user" && m.role !== "assistant") return `messages.${i}.role: Input should be 'user' or 'assistant'`;
  }
  return null;
}

export interface AnthropicPlan {
  id: string;
  model: string;
  text: string;
  tool?: string;
  stopReason: "end_turn" | "max_tokens" | "tool_use";
  inputTokens: number;
  outputTokens: number;
}

export function planAnthropic(body: AnthropicRequestBody, b: Behavior, id: string, reply?: string): AnthropicPlan {
  const tool = b.toolCall ? body.tools?.[0]?.name : undefined;
  const text = b.empty ? "" : b.reply ?? (b.tokens !== undefined ? Array.from({ length: b.tokens }, (_, i) => `word${i}`).join(" ") : reply ?? ANTHROPIC_DEFAULT_REPLY);
  return {
    id,
    model: baseModel(String(body.model)),
    text,
    tool,
    stopReason: tool ? "tool_use" : b.length ? "max_tokens" : "end_turn",
    inputTokens: Math.max(1, Math.ceil(JSON.stringify(body.messages ?? []).length / 4)),
    outputTokens: words(text).length + (tool ? 8 : 0),
  };
}

export function messageBody(p: AnthropicPlan): string {
  const content: unknown[] = p.text ? [{ type: "text", text: p.text }] : [];
  if (p.tool) content.push({ type: "tool_use", id: "toolu_test_1", name: p.tool, input: TOOL_INPUT });
  return JSON.stringify({
    id: p.id, type: "message", role: "assistant", model: p.model, content,
    stop_reason: p.stopReason, stop_sequence: null,
    usage: { input_tokens: p.inputTokens, output_tokens: p.outputTokens },
  });
}

const sse = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

export function messageEvents(p: AnthropicPlan): string[] {
  const events = [
    sse("message_start", { message: { id: p.id, type: "message", role: "assistant", model: p.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: p.inputTokens, output_tokens: 1 } } }),
    sse("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
    sse("ping", {}),
  ];
  for (const word of words(p.text)) events.push(sse("content_block_delta", { index: 0, delta: { type: "text_delta", text: word } }));
  events.push(sse("content_block_stop", { index: 0 }));
  if (p.tool) {
    const json = JSON.stringify(TOOL_INPUT);
    events.push(
      sse("content_block_start", { index: 1, content_block: { type: "tool_use", id: "toolu_test_1", name: p.tool, input: {} } }),
      sse("content_block_delta", { index: 1, delta: { type: "input_json_delta", partial_json: json.slice(0, 9) } }),
      sse("content_block_delta", { index: 1, delta: { type: "input_json_delta", partial_json: json.slice(9) } }),
      sse("content_block_stop", { index: 1 }),
    );
  }
  events.push(
    sse("message_delta", { delta: { stop_reason: p.stopReason, stop_sequence: null }, usage: { output_tokens: p.outputTokens } }),
    sse("message_stop", {}),
  );
  return events;
}
