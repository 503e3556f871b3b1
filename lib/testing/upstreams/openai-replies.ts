// Builds the test upstream's answers in OpenAI's wire format: chat.completion bodies and
// chat.completion.chunk SSE events (with logprobs and the usage chunk when asked).
import type { Behavior } from "./behavior";
import { baseModel } from "./behavior";
import { words } from "./http-helpers";

export interface OpenAiRequestBody {
  model?: string;
  messages?: Array<{ role?: string; content?: unknown }>;
  tools?: Array<{ function?: { name?: string } }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  logprobs?: boolean;
  [key: string]: unknown;
}

export interface ReplyPlan {
  model: string;
  tokens: string[];
  logprobs: number[] | null;
  finishReason: "stop" | "length" | "tool_calls";
  toolCalls?: Array<{ id: string; type: "function"; function: { name: string; arguments: string } }>;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

export const DEFAULT_REPLY = "Hello from the test upstream.";
export const LOW_CONFIDENCE_REPLY = "I'm not sure, but it might possibly be the second option, I can't say.";

const tokenCache = new Map<string, string[]>();
function tokensOf(text: string): string[] {
  let tokens = tokenCache.get(text);
  if (!tokens) {
    tokens = words(text);
    if (tokenCache.size > 1000) tokenCache.clear();
    tokenCache.set(text, tokens);
  }
  return tokens;
}

export function promptTokens(body: OpenAiRequestBody): number {
  let chars = 0;
  for (const m of body.messages ?? []) chars += typeof m.content === "string" ? m.content.length : JSON.stringify(m.content ?? "").length;
  return Math.max(1, Math.ceil(chars / 4));
}

export function replyText(body: OpenAiRequestBody, b: Behavior, reply: string | ((body: OpenAiRequestBody) => string) | undefined): string {
  if (b.empty) return "";
  if (b.reply !== undefined) return b.reply;
  if (b.tokens !== undefined) return Array.from({ length: b.tokens }, (_, i) => `word${i}`).join(" ");
  if (b.lowConfidence) return LOW_CONFIDENCE_REPLY;
  return typeof reply === "function" ? reply(body) : reply ?? DEFAULT_REPLY;
}

/** The tool calls `b` asks for (none without declared tools). */
function toolCallsOf(body: OpenAiRequestBody, b: Behavior): ReplyPlan["toolCalls"] {
  const names = (body.tools ?? []).map((t) => t.function?.name ?? "");
  if (!b.toolCall || names.length === 0) return undefined;
  const args = b.badTool === "args" ? '{"q": ' : b.toolArgs ?? "{}";
  const called = b.badTool === "name" ? ["no_such_tool"] : b.allTools ? names : names.slice(0, 1);
  return called.map((name, i) => ({ id: `call_test_${i + 1}`, type: "function", function: { name, arguments: args } }));
}

export function planReply(body: OpenAiRequestBody, b: Behavior, text: string): ReplyPlan {
  const toolCalls = toolCallsOf(body, b);
  const tool = toolCalls !== undefined;
  const tokens = tool ? [] : tokensOf(text);
  const base = b.logprob ?? (b.lowConfidence ? -2.5 : -0.05);
  const completion = tool ? 8 : tokens.length;
  const prompt = promptTokens(body);
  return {
    model: baseModel(body.model ?? "test-model"),
    tokens,
    logprobs: body.logprobs ? tokens.map((_, i) => base * (0.8 + 0.1 * (i % 5))) : null,
    finishReason: tool ? "tool_calls" : b.length ? "length" : "stop",
    toolCalls,
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
}

const logprobEntry = (token: string, logprob: number) => ({ token, logprob, bytes: null, top_logprobs: [] });

export function completionBody(plan: ReplyPlan, id: string, created: number): string {
  return JSON.stringify({
    id,
    object: "chat.completion",
    created,
    model: plan.model,
    choices: [{
      index: 0,
      message: plan.toolCalls
        ? { role: "assistant", content: null, tool_calls: plan.toolCalls, refusal: null }
        : { role: "assistant", content: plan.tokens.join(""), refusal: null },
      logprobs: plan.logprobs ? { content: plan.tokens.map((t, i) => logprobEntry(t, plan.logprobs![i])), refusal: null } : null,
      finish_reason: plan.finishReason,
    }],
    usage: plan.usage,
  });
}

/** The SSE events of a streamed answer, each a complete "data: ...\n\n" string. */
export function streamEvents(plan: ReplyPlan, id: string, created: number, includeUsage: boolean): string[] {
  const head = `{"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(plan.model)},`;
  const event = (choices: unknown[], usage?: unknown) =>
    `data: ${head}"choices":${JSON.stringify(choices)}${usage === undefined ? "" : `,"usage":${JSON.stringify(usage)}`}}\n\n`;
  const events = [event([{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }])];
  // Each call as OpenAI streams it: its id and name first, then the arguments in two pieces.
  plan.toolCalls?.forEach((call, index) => {
    const half = Math.ceil(call.function.arguments.length / 2);
    const piece = (fn: Record<string, string>, head: object = {}) =>
      event([{ index: 0, delta: { tool_calls: [{ index, ...head, function: fn }] }, logprobs: null, finish_reason: null }]);
    events.push(piece({ name: call.function.name, arguments: "" }, { id: call.id, type: "function" }));
    events.push(piece({ arguments: call.function.arguments.slice(0, half) }));
    events.push(piece({ arguments: call.function.arguments.slice(half) }));
  });
  plan.tokens.forEach((token, i) => {
    const logprobs = plan.logprobs ? { content: [logprobEntry(token, plan.logprobs[i])], refusal: null } : null;
    events.push(event([{ index: 0, delta: { content: token }, logprobs, finish_reason: null }]));
  });
  events.push(event([{ index: 0, delta: {}, logprobs: null, finish_reason: plan.finishReason }]));
  if (includeUsage) events.push(event([], plan.usage));
  events.push("data: [DONE]\n\n");
  return events;
}
