// What the gateway records about an answer: content, finish reason, token logprobs, usage —
// taken from a chat.completion or accumulated from a stream of chunks.
import { estimatePromptTokens, estimateTokens, MESSAGE_OVERHEAD_TOKENS } from "../routing/estimate-tokens";
import { countTokens } from "./count-tokens";
import type { Answer, ChatCompletion, ChatCompletionChunk, ChatRequest, CompletionUsage, StreamSummary, ToolCall, Usage } from "./types";

/** The default clock (ms, monotonic). */
export const monotonicNow = (): number => performance.now();

/** A request's prompt tokens, estimated from its text (the engine's estimate, lib/routing/estimate-tokens). */
export function estimateRequestTokens(request: ChatRequest): number {
  return estimatePromptTokens(request.messages.map(messageText)).tokens;
}

function messageText(message: ChatRequest["messages"][number]): string {
  if (typeof message.content === "string") return message.content;
  if (!Array.isArray(message.content)) return "";
  let text = "";
  for (const part of message.content) if (typeof part.text === "string") text += part.text;
  return text;
}

/**
 * The answer's usage: as the upstream reported it, else counted — with the tokenizer of the
 * tier's model family when `model` is known (what gets billed for an upstream that reports no
 * usage, or a stream cut short before its usage came), else estimated from the characters.
 */
export function toUsage(usage: CompletionUsage | null | undefined, request: ChatRequest, answer: Answer, model?: string): Usage {
  if (usage && typeof usage.prompt_tokens === "number") {
    return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens ?? 0 };
  }
  if (model) {
    const answerText = [answer.content, ...(answer.toolCalls ?? []).map((c) => `${c.function.name}${c.function.arguments}`)].join("\n");
    const completionTokens = answer.logprobs?.length ?? (answerText ? countTokens(answerText, model).tokens : 0);
    return { promptTokens: countTokens(promptText(request), model).tokens + MESSAGE_OVERHEAD_TOKENS * request.messages.length, completionTokens, estimated: true };
  }
  const completionTokens = answer.logprobs?.length ?? estimateTokens(answer.content.length);
  return { promptTokens: estimateRequestTokens(request), completionTokens, estimated: true };
}

function promptText(request: ChatRequest): string {
  const parts: string[] = [];
  for (const message of request.messages) {
    if (typeof message.content === "string") parts.push(message.content);
    else if (Array.isArray(message.content)) for (const part of message.content) if (typeof part.text === "string") parts.push(part.text);
  }
  return parts.join("\n");
}

export function answerFromCompletion(response: ChatCompletion): Answer {
  const choice = response.choices?.[0];
  const answer: Answer = { content: choice?.message?.content ?? "", finishReason: choice?.finish_reason ?? null };
  const tokens = choice?.logprobs?.content;
  if (Array.isArray(tokens)) answer.logprobs = tokens.map((t) => t.logprob);
  if (choice?.message?.tool_calls?.length) answer.toolCalls = choice.message.tool_calls;
  return answer;
}

/** Accumulates stream chunks (choice 0) into the final answer and usage. */
export class ChunkAccumulator {
  private content = "";
  private finishReason: Answer["finishReason"] = null;
  private logprobs: number[] | undefined;
  private toolCalls: ToolCall[] = [];
  private usage: CompletionUsage | null = null;
  private firstTokenAt: number | null = null;

  constructor(
    private readonly request: ChatRequest,
    private readonly now: () => number,
    private readonly startedAt: number,
    /** The tier's model: usage the upstream did not report is counted with its tokenizer. */
    private readonly model?: string,
  ) {}

  /** Adds a chunk; `at` is when it arrived (default now — pass it when parsing later). */
  add(chunk: ChatCompletionChunk, at?: number): void {
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) return;
    const delta = choice.delta;
    if (delta?.content) {
      this.content += delta.content;
      this.firstTokenAt ??= at ?? this.now();
    }
    if (delta?.tool_calls) {
      this.firstTokenAt ??= at ?? this.now();
      for (const call of delta.tool_calls) this.addToolCall(call);
    }
    const tokens = choice.logprobs?.content;
    if (Array.isArray(tokens)) {
      this.logprobs ??= [];
      for (const token of tokens) this.logprobs.push(token.logprob);
    }
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
  }

  private addToolCall(delta: NonNullable<ChatCompletionChunk["choices"][0]["delta"]["tool_calls"]>[number]): void {
    const existing = this.toolCalls[delta.index];
    if (!existing) {
      this.toolCalls[delta.index] = {
        id: delta.id ?? "",
        type: "function",
        function: { name: delta.function?.name ?? "", arguments: delta.function?.arguments ?? "" },
      };
      return;
    }
    if (delta.id) existing.id = delta.id;
    if (delta.function?.name) existing.function.name += delta.function.name;
    if (delta.function?.arguments) existing.function.arguments += delta.function.arguments;
  }

  answer(): Answer {
    const answer: Answer = { content: this.content, finishReason: this.finishReason };
    if (this.logprobs) answer.logprobs = this.logprobs;
    const calls = this.toolCalls.filter(Boolean);
    if (calls.length > 0) answer.toolCalls = calls;
    return answer;
  }

  summary(): StreamSummary {
    const answer = this.answer();
    const end = this.now();
    return {
      answer,
      usage: toUsage(this.usage, this.request, answer, this.model),
      upstreamMs: end - this.startedAt,
      firstTokenMs: this.firstTokenAt === null ? null : this.firstTokenAt - this.startedAt,
    };
  }
}
