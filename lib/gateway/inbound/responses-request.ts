/**
 * POST /api/v1/responses: OpenAI's Responses request, validated, → the internal chat request.
 * instructions → a system message; input as a string or items (messages with input_text /
 * input_image / output_text parts, function_call → the assistant's tool_calls,
 * function_call_output → tool messages); flat function tools → chat tools; max_output_tokens →
 * max_tokens; text.format → response_format. Frontdesk keeps no responses: `store: true`,
 * `previous_response_id`, `conversation` and `background` are refused.
 */
import { z } from "zod";
import type { ChatMessage, ChatRequest, ContentPart, ToolChoice } from "../../providers/index";
import type { ChatRequestBody } from "../chat-request-schema";
import { GatewayError } from "../openai-errors";

const STATELESS = "Frontdesk's Responses API is stateless: it stores no responses; send the whole conversation as input items";

/** Accepted and not forwarded (hints to one upstream account or model). */
const DROPPED = ["reasoning", "prompt_cache_key", "prompt_cache_retention", "safety_identifier", "stream_options", "include", "truncation"];

const item = z.looseObject({ type: z.string().optional(), role: z.string().optional() });

const FIELDS = {
  model: z.string({ error: "model is required: frontdesk/auto, frontdesk/<policy> or a tier name" }).min(1).max(200),
  input: z.union([z.string(), z.array(item).min(1, "input must contain at least one item").max(10_000)], { error: "input is required: a string or an array of input items" }),
  instructions: z.string().nullable().optional(),
  max_output_tokens: z.int().positive().nullable().optional(),
  metadata: z.record(z.string(), z.string().max(512)).nullable().optional(),
  parallel_tool_calls: z.boolean().nullable().optional(),
  stream: z.boolean().nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  user: z.string().max(1000).optional(),
  tools: z.array(z.looseObject({ type: z.string(), name: z.string().optional(), description: z.string().nullable().optional(), parameters: z.record(z.string(), z.unknown()).nullable().optional(), strict: z.boolean().nullable().optional() })).optional(),
  tool_choice: z.union([z.enum(["auto", "none", "required"]), z.looseObject({ type: z.string(), name: z.string().optional() })]).optional(),
  text: z.looseObject({ format: z.looseObject({ type: z.enum(["text", "json_object", "json_schema"]), name: z.string().optional(), schema: z.record(z.string(), z.unknown()).optional(), strict: z.boolean().nullable().optional(), description: z.string().optional() }).optional() }).optional(),
  store: z.literal([false, null], { error: `store must be false: ${STATELESS}` }).optional(),
  previous_response_id: z.null({ error: `previous_response_id is not supported: ${STATELESS}` }).optional(),
  conversation: z.null({ error: `conversation is not supported: ${STATELESS}` }).optional(),
  background: z.literal([false, null], { error: "background must be false: Frontdesk answers in the request" }).optional(),
  service_tier: z.enum(["auto", "default"], { error: "service_tier must be auto or default: other tiers change prices Frontdesk does not count" }).nullable().optional(),
};

export const responsesRequestSchema = z
  .looseObject(FIELDS)
  .superRefine((body, ctx) => {
    for (const field in body) if (!(field in FIELDS) && !DROPPED.includes(field)) ctx.addIssue({ code: "custom", path: [field], message: `Unrecognized request argument supplied: ${field}.` });
  });

export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;

type Item = { type?: string; role?: string; [key: string]: unknown };

const bad = (path: string, message: string) => new GatewayError(400, `Invalid request: ${path}: ${message}`, "invalid_request", path);

function part(p: Item, path: string): ContentPart {
  if (p.type === "input_text" || p.type === "output_text") return { type: "text", text: String(p.text ?? "") };
  if (p.type === "refusal") return { type: "text", text: String(p.refusal ?? "") };
  if (p.type === "input_image" && typeof p.image_url === "string") return { type: "image_url", image_url: { url: p.image_url, ...(typeof p.detail === "string" ? { detail: p.detail } : {}) } };
  throw bad(path, `content parts of type '${p.type}' are not supported (input_text, input_image with image_url, output_text)`);
}

function messageOf(it: Item, path: string): ChatMessage {
  const role = it.role;
  if (role !== "user" && role !== "assistant" && role !== "system" && role !== "developer") throw bad(`${path}.role`, "role must be user, assistant, system or developer");
  const content = it.content;
  if (typeof content === "string") return { role, content };
  if (!Array.isArray(content)) throw bad(`${path}.content`, "content must be a string or an array of parts");
  const parts = (content as Item[]).map((p, i) => part(p, `${path}.content.${i}`));
  if (role === "user") return { role, content: parts };
  return { role, content: parts.map((p) => p.text ?? "").join("") }; // assistant and instructions: text only
}

function outputText(output: unknown): string {
  if (typeof output === "string") return output;
  if (Array.isArray(output)) return (output as Item[]).map((p) => (typeof p.text === "string" ? p.text : "")).join("");
  return JSON.stringify(output ?? "");
}

function inputMessages(input: ResponsesRequest["input"]): ChatMessage[] {
  if (typeof input === "string") return [{ role: "user", content: input }];
  const out: ChatMessage[] = [];
  (input as Item[]).forEach((it, i) => {
    const path = `input.${i}`;
    const type = it.type ?? "message";
    if (type === "message") out.push(messageOf(it, path));
    else if (type === "function_call") {
      const call = { id: String(it.call_id ?? ""), type: "function" as const, function: { name: String(it.name ?? ""), arguments: String(it.arguments ?? "") } };
      const last = out.at(-1);
      // consecutive calls (and a call right after the assistant's text) are one assistant turn
      if (last?.role === "assistant") last.tool_calls = [...(last.tool_calls ?? []), call];
      else out.push({ role: "assistant", content: null, tool_calls: [call] });
    } else if (type === "function_call_output") out.push({ role: "tool", tool_call_id: String(it.call_id ?? ""), content: outputText(it.output) });
    else if (type === "reasoning") return; // a reasoning model's summary of its own: nothing another tier can read
    else throw bad(`${path}.type`, type === "item_reference" ? STATELESS : `input items of type '${type}' are not supported (message, function_call, function_call_output)`);
  });
  return out;
}

function toolChoice(choice: NonNullable<ResponsesRequest["tool_choice"]>): ToolChoice {
  if (typeof choice === "string") return choice;
  if (choice.type === "function" && choice.name) return { type: "function", function: { name: choice.name } };
  throw bad("tool_choice", "tool_choice must be auto, none, required or {type:'function', name}");
}

export function responsesToChat(r: ResponsesRequest): ChatRequestBody {
  const messages = inputMessages(r.input);
  if (r.instructions) messages.unshift({ role: "system", content: r.instructions });
  const chat: ChatRequest = { model: r.model, messages };
  if (r.max_output_tokens) chat.max_tokens = r.max_output_tokens;
  if (r.temperature != null) chat.temperature = r.temperature;
  if (r.top_p != null) chat.top_p = r.top_p;
  if (r.stream) chat.stream = true;
  if (r.user) chat.user = r.user;
  if (r.metadata) chat.metadata = r.metadata;
  if (r.tools?.length) {
    chat.tools = r.tools.map((t, i) => {
      if (t.type !== "function" || !t.name) throw bad(`tools.${i}`, `only function tools are supported (type '${t.type}' is a built-in tool Frontdesk does not route)`);
      return { type: "function", function: { name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.parameters ?? { type: "object", properties: {} }, ...(t.strict != null ? { strict: t.strict } : {}) } };
    });
    if (r.tool_choice) chat.tool_choice = toolChoice(r.tool_choice);
    if (r.parallel_tool_calls != null) chat.parallel_tool_calls = r.parallel_tool_calls;
  }
  const format = r.text?.format;
  if (format?.type === "json_object") chat.response_format = { type: "json_object" };
  if (format?.type === "json_schema") chat.response_format = { type: "json_schema", json_schema: { name: format.name ?? "response", schema: format.schema ?? {}, ...(format.strict != null ? { strict: format.strict } : {}), ...(format.description ? { description: format.description } : {}) } };
  return chat as unknown as ChatRequestBody;
}
