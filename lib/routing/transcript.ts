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

/**
 * The latest user message of a transcript, exactly as `parseTranscript` + `readRequestText` would
 * give it ("" when there is none), without building every turn: the rule stage reads only this,
 * and a draft's impact (lib/config/rule-impact) asks it of up to 20,000 logged prompts at a time.
 */
export function latestUserOfTranscript(prompt: string): string {
  const blocks = prompt.split("\n\n");
  // The turn a block belongs to starts at the nearest block at or before it with a role (or at block 0).
  let end = blocks.length;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const match = ROLE.exec(blocks[i]!);
    if (!match && i > 0) continue;
    if (match ? match[1] === "user" : true) {
      const head = match ? blocks[i]!.slice(match[0].length) : blocks[i]!;
      const content = end - i > 1 ? [head, ...blocks.slice(i + 1, end)].join("\n\n") : head;
      return withoutNotes(content);
    }
    end = i;
  }
  return "";
}
