/**
 * POST /api/v1/messages: Anthropic's Messages request, validated, → the internal chat request
 * (the inverse of lib/providers/anthropic-map's toAnthropicRequest, which maps it back for
 * Anthropic tiers). system → a system message; text and image blocks → content parts; tool_use →
 * the assistant's tool_calls; tool_result → tool messages; tools' input_schema → parameters;
 * metadata.user_id → `user` (the session a conversation is pinned by).
 */
import { z } from "zod";
import type { ChatMessage, ChatRequest, ContentPart, ToolCall, ToolChoice } from "../../providers/index";
import type { ChatRequestBody } from "../chat-request-schema";
import { GatewayError } from "../openai-errors";

const block = z.looseObject({ type: z.string().min(1) });

const KNOWN = new Set(["model", "max_tokens", "messages", "system", "stop_sequences", "temperature", "top_p", "top_k", "stream", "metadata", "tools", "tool_choice", "thinking", "service_tier", "cache_control"]);

export const messagesRequestSchema = z
  .looseObject({
    model: z.string({ error: "model is required: frontdesk/auto, frontdesk/<policy> or a tier name" }).min(1).max(200),
    max_tokens: z.int({ error: "max_tokens is required (a positive integer)" }).positive(),
    messages: z.array(z.looseObject({ role: z.enum(["user", "assistant"], { error: "role must be user or assistant" }), content: z.union([z.string(), z.array(block)]) })).min(1, "messages must contain at least one message").max(10_000),
    system: z.union([z.string(), z.array(z.looseObject({ type: z.literal("text"), text: z.string() }))]).optional(),
    stop_sequences: z.array(z.string()).max(16).optional(),
    temperature: z.number().min(0).max(1).optional(),
    top_p: z.number().min(0).max(1).optional(),
    top_k: z.int().positive().optional(),
    stream: z.boolean().optional(),
    metadata: z.looseObject({ user_id: z.string().max(1000).nullable().optional() }).optional(),
    tools: z.array(z.looseObject({ name: z.string().min(1).max(128), description: z.string().optional(), input_schema: z.record(z.string(), z.unknown(), { error: "tools need an input_schema (only client tools are supported)" }) })).optional(),
    tool_choice: z.looseObject({ type: z.enum(["auto", "any", "none", "tool"]), name: z.string().optional(), disable_parallel_tool_use: z.boolean().optional() }).optional(),
    thinking: z.looseObject({ type: z.literal("disabled", { error: "extended thinking is not routed by Frontdesk: remove thinking" }) }).optional(),
    service_tier: z.enum(["auto", "standard_only"]).optional(),
    cache_control: z.looseObject({ type: z.string() }).nullable().optional(), // a prompt-caching hint: dropped
  })
  .superRefine((body, ctx) => {
    for (const field in body) if (!KNOWN.has(field)) ctx.addIssue({ code: "custom", path: [field], message: `Extra inputs are not permitted: ${field}` });
  });

export type MessagesRequest = z.infer<typeof messagesRequestSchema>;

type Block = { type: string; [key: string]: unknown };

const unsupported = (path: string, type: string) => new GatewayError(400, `${path}: content blocks of type '${type}' are not supported by Frontdesk's Messages API.`, "invalid_request", path);

function imagePart(b: Block, path: string): ContentPart {
  const source = b.source as { type?: string; media_type?: string; data?: string; url?: string } | undefined;
  if (source?.type === "base64" && source.media_type && source.data) return { type: "image_url", image_url: { url: `data:${source.media_type};base64,${source.data}` } };
  if (source?.type === "url" && source.url) return { type: "image_url", image_url: { url: source.url } };
  throw new GatewayError(400, `${path}.source: an image needs a base64 or url source.`, "invalid_request", `${path}.source`);
}

function toolResultText(b: Block, path: string): string {
  const content = b.content;
  const text = typeof content === "string" ? content
    : Array.isArray(content) ? (content as Block[]).map((c, i) => {
      if (c.type === "text") return String(c.text ?? "");
      throw unsupported(`${path}.content.${i}`, c.type);
    }).join("\n")
    : "";
  return b.is_error === true ? `Error: ${text}` : text;
}

function userMessages(content: Block[], path: string): ChatMessage[] {
  const tools: ChatMessage[] = [];
  const parts: ContentPart[] = [];
  content.forEach((b, i) => {
    const at = `${path}.${i}`;
    if (b.type === "text") parts.push({ type: "text", text: String(b.text ?? "") });
    else if (b.type === "image") parts.push(imagePart(b, at));
    else if (b.type === "tool_result") tools.push({ role: "tool", tool_call_id: String(b.tool_use_id ?? ""), content: toolResultText(b, at) });
    else throw unsupported(at, b.type);
  });
  return parts.length ? [...tools, { role: "user", content: parts }] : tools;
}

function assistantMessage(content: Block[], path: string): ChatMessage {
  let text = "";
  const calls: ToolCall[] = [];
  content.forEach((b, i) => {
    if (b.type === "text") text += String(b.text ?? "");
    else if (b.type === "tool_use") calls.push({ id: String(b.id ?? ""), type: "function", function: { name: String(b.name ?? ""), arguments: JSON.stringify(b.input ?? {}) } });
    else if (b.type !== "thinking" && b.type !== "redacted_thinking") throw unsupported(`${path}.${i}`, b.type);
  });
  return { role: "assistant", content: text || (calls.length ? null : ""), ...(calls.length ? { tool_calls: calls } : {}) };
}

function toolChoice(choice: NonNullable<MessagesRequest["tool_choice"]>): ToolChoice {
  if (choice.type === "tool") {
    if (!choice.name) throw new GatewayError(400, "tool_choice.name: required when tool_choice.type is 'tool'.", "invalid_request", "tool_choice.name");
    return { type: "function", function: { name: choice.name } };
  }
  return choice.type === "any" ? "required" : choice.type;
}

export function messagesToChat(m: MessagesRequest): ChatRequestBody {
  const messages: ChatMessage[] = [];
  const system = typeof m.system === "string" ? m.system : m.system?.map((b) => b.text).join("\n\n");
  if (system) messages.push({ role: "system", content: system });
  m.messages.forEach((message, i) => {
    const path = `messages.${i}.content`;
    if (typeof message.content === "string") messages.push({ role: message.role, content: message.content });
    else if (message.role === "user") messages.push(...userMessages(message.content as Block[], path));
    else messages.push(assistantMessage(message.content as Block[], path));
  });
  const chat: ChatRequest = { model: m.model, messages, max_tokens: m.max_tokens };
  if (m.stop_sequences?.length) chat.stop = m.stop_sequences;
  if (m.temperature !== undefined) chat.temperature = m.temperature;
  if (m.top_p !== undefined) chat.top_p = m.top_p;
  if (m.stream) chat.stream = true;
  if (m.metadata?.user_id) chat.user = m.metadata.user_id;
  if (m.tools?.length) chat.tools = m.tools.map((t) => ({ type: "function", function: { name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.input_schema } }));
  if (m.tool_choice && chat.tools) {
    chat.tool_choice = toolChoice(m.tool_choice);
    if (m.tool_choice.disable_parallel_tool_use) chat.parallel_tool_calls = false;
  }
  return chat as unknown as ChatRequestBody;
}
