/**
 * The request log's transcript ("role: content" blocks separated by a blank line, as the gateway
 * writes it) back into chat turns — for replay, retraining and the slider's own-traffic sample.
 * Annotation lines ("[tool call …]", "[tool result …]", "[image] …": what routing never read)
 * are left out, so the turns read as the gateway's engine read them.
 */
import type { ChatTurn } from "./types";

const ROLE = /^(system|developer|user|assistant|tool): /;
const NOTE = /^\[(?:tool call|tool result|image)\b[^\]]*\]/;

function withoutNotes(text: string): string {
  if (!text.includes("[")) return text;
  return text
    .split("\n")
    .filter((line) => !NOTE.test(line))
    .join("\n");
}

/** Blocks separated by a blank line, each starting "role: "; a block without one continues the turn before it. */
export function parseTranscript(prompt: string): ChatTurn[] {
  const turns: ChatTurn[] = [];
  for (const block of prompt.split("\n\n")) {
    const match = ROLE.exec(block);
    if (match) turns.push({ role: match[1] as ChatTurn["role"], content: block.slice(match[0].length) });
    else if (turns.length) turns[turns.length - 1]!.content += `\n\n${block}`;
    else turns.push({ role: "user", content: block });
  }
  for (const turn of turns) turn.content = withoutNotes(turn.content);
  return turns;
}
