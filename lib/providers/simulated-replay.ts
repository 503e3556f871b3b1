// Replay of an outcomes dataset (../shared/data/README.md format): prompt → that model's recorded
// response, score and token counts. Rows come in parsed; the index is built once per rows array.
import { z } from "zod";
import type { ChatMessage, ChatRequest } from "./types";

export const outcomeRowSchema = z.looseObject({
  id: z.string().optional(),
  prompt: z.string().optional(),
  messages: z.array(z.looseObject({ role: z.string(), content: z.unknown() })).optional(),
  outcomes: z.record(z.string(), z.looseObject({
    score: z.number().optional(),
    prompt_tokens: z.number().optional(),
    completion_tokens: z.number().optional(),
    cost_usd: z.number().optional(),
    response: z.string().optional(),
  })),
});
export type OutcomeRow = z.infer<typeof outcomeRowSchema>;

export interface ReplayEntry {
  response: string;
  /** 0..1: the recorded quality, used as the answer's confidence level. */
  score?: number;
  promptTokens?: number;
  completionTokens?: number;
}

export type ReplayIndex = Map<string, ReplayEntry>;

/** Whitespace-insensitive key of a prompt. */
export function promptKey(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p?.text === "string" ? p.text : "")).join("");
  return "";
}

/** The text a request is looked up by: its last user message. */
export function requestPromptKey(messages: Array<Pick<ChatMessage, "role" | "content">> | ChatRequest["messages"]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role === "user") return promptKey(textOf(messages[i].content));
  }
  return "";
}

/** Builds prompt → entry for one model; rows without a response for it are skipped. */
export function buildReplayIndex(rows: OutcomeRow[], model: string): ReplayIndex {
  const index: ReplayIndex = new Map();
  for (const row of rows) {
    const outcome = row.outcomes[model];
    if (!outcome || typeof outcome.response !== "string") continue;
    const key = row.prompt !== undefined ? promptKey(row.prompt) : requestPromptKey((row.messages ?? []) as ChatMessage[]);
    if (!key) continue;
    index.set(key, {
      response: outcome.response,
      score: outcome.score,
      promptTokens: outcome.prompt_tokens,
      completionTokens: outcome.completion_tokens,
    });
  }
  return index;
}

const indexes = new WeakMap<object, Map<string, ReplayIndex>>();

/** Cached per (rows array, model): tier options are long-lived, requests are many. */
export function replayIndexFor(rows: OutcomeRow[], model: string): ReplayIndex {
  let byModel = indexes.get(rows);
  if (!byModel) indexes.set(rows, (byModel = new Map()));
  let index = byModel.get(model);
  if (!index) byModel.set(model, (index = buildReplayIndex(rows, model)));
  return index;
}
