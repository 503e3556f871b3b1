/**
 * The body of POST /api/v1/chat/completions: OpenAI's chat request, validated for what the
 * gateway relies on; every other field passes through to OpenAI-compatible upstreams.
 */
import { z } from "zod";

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
    body.messages.forEach((m, i) => {
      const hasToolCalls = Array.isArray((m as { tool_calls?: unknown }).tool_calls);
      if ((m.content === undefined || m.content === null) && !(m.role === "assistant" && hasToolCalls)) {
        ctx.addIssue({ code: "custom", path: ["messages", i, "content"], message: "content is required" });
      }
    });
  });

export type ChatRequestBody = z.infer<typeof chatRequestSchema>;

/** Text of a message's content for routing (image and other non-text parts are skipped). */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (part && typeof part === "object" && typeof (part as { text?: unknown }).text === "string" ? (part as { text: string }).text : ""))
    .filter(Boolean)
    .join("\n");
}
