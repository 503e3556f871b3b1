/**
 * The body of POST /api/v1/chat/completions: OpenAI's chat request, validated for what the
 * gateway relies on. Top-level fields by family (SECURITY.md):
 * - forwarded: the Chat Completions fields of OPENAI_REQUEST_FIELDS / STREAM_FIELDS (the
 *   adapters send only those; Anthropic's mapper a subset);
 * - read by the gateway, never forwarded: `model`, `metadata`;
 * - dropped: DROPPED_FIELDS (accepted, not forwarded);
 * - refused with a 400 naming the field: REFUSED_FIELDS (null, or the listed neutral value, counts
 *   as absent), and any field not named here, as OpenAI's API refuses unknown arguments.
 * Inside messages and tools, fields pass as given (the adapters build the upstream shapes).
 */
import { z } from "zod";
import { OPENAI_REQUEST_FIELDS, STREAM_FIELDS } from "../providers/request-fields";

/** Knobs of one model (the router picks the model, so they cannot hold on every tier) and hints to the upstream account. */
export const DROPPED_FIELDS = ["reasoning_effort", "verbosity", "prompt_cache_key", "safety_identifier"] as const;

/** Fields that would make the upstream bill, store or return what Frontdesk neither counts nor records. */
export const REFUSED_FIELDS = new Map<string, { why: string; neutral?: unknown }>([
  ["service_tier", { why: "it would change the price Frontdesk's upstream account pays, which budgets and costs do not count", neutral: "default" }],
  ["store", { why: "it would keep completions on Frontdesk's upstream account, beyond what the policy's prompt storage controls", neutral: false }],
  ["modalities", { why: "audio output is neither recorded nor priced by Frontdesk; ask for text" }],
  ["audio", { why: "audio output is neither recorded nor priced by Frontdesk; ask for text" }],
  ["prediction", { why: "predicted outputs are billed beyond the usage Frontdesk records" }],
  ["web_search_options", { why: "web searches are billed per call, which Frontdesk does not count" }],
  ["functions", { why: "the deprecated functions API is not translated for every tier; send tools instead" }],
  ["function_call", { why: "the deprecated functions API is not translated for every tier; send tool_choice instead" }],
]);

const KNOWN_FIELDS = new Set<string>(["model", "metadata", ...OPENAI_REQUEST_FIELDS, ...STREAM_FIELDS, ...DROPPED_FIELDS]);

const contentPart = z.looseObject({ type: z.string().min(1) });

const message = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool"], { error: "role must be system, developer, user, assistant or tool" }),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
  name: z.string().optional(),
  tool_call_id: z.string().optional(),
});

export const chatRequestSchema = z
  .looseObject({
    model: z.string({ error: (issue) => (issue.input === undefined ? "model is required: frontdesk/auto, frontdesk/<policy> or a tier name" : "model must be a string") }).min(1).max(200),
    messages: z.array(message).min(1, "messages must contain at least one message").max(10_000),
    stream: z.boolean().optional(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
    user: z.string().max(1000).optional(),
    metadata: z.record(z.string(), z.string().max(4096)).nullable().optional(),
    n: z.literal(1, { error: "n must be 1: Frontdesk routes one completion per request" }).optional(),
    max_tokens: z.int().positive().nullable().optional(),
    max_completion_tokens: z.int().positive().nullable().optional(),
    temperature: z.number().min(0).max(2).nullable().optional(),
    logprobs: z.boolean().nullable().optional(),
  })
  .superRefine((body, ctx) => {
    for (const field in body) {
      if (KNOWN_FIELDS.has(field)) continue;
      const refused = REFUSED_FIELDS.get(field);
      const value = (body as Record<string, unknown>)[field];
      if (refused && (value === null || value === refused.neutral)) continue;
      const message = refused ? `Frontdesk does not forward ${field}: ${refused.why}. Remove it.` : `Unrecognized request argument supplied: ${field}.`;
      ctx.addIssue({ code: "custom", path: [field], message });
    }
    body.messages.forEach((m, i) => {
      const hasToolCalls = Array.isArray((m as { tool_calls?: unknown }).tool_calls);
      if ((m.content === undefined || m.content === null) && !(m.role === "assistant" && hasToolCalls)) {
        ctx.addIssue({ code: "custom", path: ["messages", i, "content"], message: "content is required" });
      }
    });
  });

export type ChatRequestBody = z.infer<typeof chatRequestSchema>;

/** Fields the schema validates beyond their name: the fast check below knows only the common ones. */
const CHECKED_FIELDS = new Set(["model", "messages", "stream", "stream_options", "user", "metadata", "n", "max_tokens", "max_completion_tokens", "temperature", "logprobs"]);
const ROLES = new Set(["system", "developer", "user", "assistant", "tool"]);
const isPositiveIntOrNull = (v: unknown) => v === null || (Number.isSafeInteger(v) && (v as number) > 0);

/**
 * The common request — a model, string-content messages with known roles, and plain forwarded
 * fields — checked by hand, without zod (which copied every object of the body, the largest part
 * of reading one): true only for a body `chatRequestSchema` accepts unchanged (a loose schema's
 * output equals its input). Anything else (array content, tool calls, metadata, an unknown or
 * refused field, a bad value) returns false and goes through the schema, so every error message
 * is the schema's. chat-request-schema.test.ts checks the implication on generated bodies.
 */
export function isCommonChatBody(value: unknown): value is ChatRequestBody {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const body = value as Record<string, unknown>;
  for (const field in body) {
    if (!KNOWN_FIELDS.has(field)) return false;
    if (!CHECKED_FIELDS.has(field)) continue;
    const v = body[field];
    switch (field) {
      case "model":
        if (typeof v !== "string" || v.length < 1 || v.length > 200) return false;
        break;
      case "messages":
        if (!Array.isArray(v) || v.length < 1 || v.length > 10_000) return false;
        for (const m of v) if (!isCommonMessage(m)) return false;
        break;
      case "stream":
        if (typeof v !== "boolean") return false;
        break;
      case "user":
        if (typeof v !== "string" || v.length > 1000) return false;
        break;
      case "max_tokens":
      case "max_completion_tokens":
        if (!isPositiveIntOrNull(v)) return false;
        break;
      case "temperature":
        if (v !== null && (typeof v !== "number" || !(v >= 0 && v <= 2))) return false;
        break;
      case "logprobs":
        if (v !== null && typeof v !== "boolean") return false;
        break;
      default:
        return false; // stream_options, metadata, n: the schema's
    }
  }
  return typeof body.model === "string" && Array.isArray(body.messages);
}

function isCommonMessage(m: unknown): boolean {
  if (typeof m !== "object" || m === null || Array.isArray(m)) return false;
  const { role, content, name, tool_call_id } = m as Record<string, unknown>;
  return typeof role === "string" && ROLES.has(role) && typeof content === "string" && (name === undefined || typeof name === "string") && (tool_call_id === undefined || typeof tool_call_id === "string");
}

/** Text of a message's content for routing (image and other non-text parts are skipped). */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (part && typeof part === "object" && typeof (part as { text?: unknown }).text === "string" ? (part as { text: string }).text : ""))
    .filter(Boolean)
    .join("\n");
}
