/**
 * What the classifier reads of a request: the last user turn, the earlier non-assistant turns
 * (for n-grams), and the conversation's shape. The earlier turns stay separate strings: joining
 * them (allText) copies the text, which only the TF-IDF baseline needs.
 */
import type { ChatTurn, ClassifierInput } from "./types";

export type RequestText = {
  /** the last user (or developer) turn; the first turn of any kind if there is none */
  lastUser: string;
  /** system + user turns before the last user turn, oldest first, cut to MAX_EARLIER_CHARS in all (n-gram features read these) */
  earlier: string[];
  userTurns: number;
  assistantTurns: number;
  systemChars: number;
};

/** Earlier turns are truncated to keep feature extraction bounded on long conversations. */
const MAX_EARLIER_CHARS = 4_000;

export function requestText(input: ClassifierInput): RequestText {
  const messages = input.messages;
  let lastUserIndex = -1;
  let userTurns = 0;
  let assistantTurns = 0;
  let systemChars = 0;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (m.role === "user") {
      userTurns++;
      lastUserIndex = i;
    } else if (m.role === "assistant") assistantTurns++;
    else if (m.role === "system" || m.role === "developer") systemChars += m.content.length;
  }
  if (lastUserIndex < 0) lastUserIndex = messages.length - 1;
  const lastUser = lastUserIndex >= 0 ? messages[lastUserIndex].content : "";
  const earlier: string[] = [];
  let budget = MAX_EARLIER_CHARS;
  for (let i = lastUserIndex - 1; i >= 0 && budget > 0; i--) {
    const m = messages[i];
    if (m.role === "assistant" || m.role === "tool") continue;
    const part = m.content.length > budget ? m.content.slice(0, budget) : m.content;
    earlier.unshift(part);
    budget -= part.length;
  }
  return { lastUser, earlier, userTurns, assistantTurns, systemChars };
}

/** The earlier turns and the last user turn joined by newlines, oldest first. */
export function allText(req: RequestText): string {
  return req.earlier.length > 0 ? req.earlier.join("\n") + "\n" + req.lastUser : req.lastUser;
}

/** A dataset row's request as classifier input: `messages` if given, else one user turn. */
export function inputFromPrompt(prompt: string): ClassifierInput {
  return { messages: [{ role: "user", content: prompt }] };
}

/** Flattens OpenAI-style message content (string or parts) to text; non-text parts dropped. */
export function flattenContent(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  const parts: string[] = [];
  for (const part of content) {
    if (part && typeof part === "object" && "text" in part && typeof part.text === "string") parts.push(part.text);
  }
  return parts.join("\n");
}

const ROLES = new Set<ChatTurn["role"]>(["system", "user", "assistant", "tool", "developer"]);

/** Maps loosely typed chat messages to ChatTurns (unknown roles become "user"). */
export function toChatTurns(messages: ReadonlyArray<{ role: string; content?: unknown }>): ChatTurn[] {
  return messages.map((m) => ({
    role: ROLES.has(m.role as ChatTurn["role"]) ? (m.role as ChatTurn["role"]) : "user",
    content: flattenContent(m.content),
  }));
}
