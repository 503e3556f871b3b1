import { describe, expect, it } from "vitest";
import { parseTranscript } from "../routing/transcript";
import { answerTranscript, transcript } from "./build-log-row";
import { chatRequestSchema, contentText } from "./chat-request-schema";

describe("the stored transcript", () => {
  const body = chatRequestSchema.parse({
    model: "frontdesk/auto",
    messages: [
      { role: "system", content: "You book trips." },
      { role: "user", content: [{ type: "text", text: "What is on this ticket?" }, { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==" } }] },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "read_ticket", arguments: '{"page":1}' } }] },
      { role: "tool", tool_call_id: "call_1", content: "Lisbon, 9 May" },
    ],
  });

  it("keeps tool calls, the call a tool result answers and images as annotations", () => {
    expect(transcript(body)).toBe(
      [
        "system: You book trips.",
        "user: What is on this ticket?\n[image] data:image/png;base64,… (0 KB)",
        'assistant: [tool call call_1] read_ticket({"page":1})',
        "tool: Lisbon, 9 May\n[tool result call_1]",
      ].join("\n\n"),
    );
  });

  it("reads back as the engine read the request: annotations left out", () => {
    expect(parseTranscript(transcript(body))).toEqual(body.messages.map((m) => ({ role: m.role, content: contentText(m.content) })));
  });

  it("stores a tool-call answer as its calls", () => {
    expect(answerTranscript({ content: "", toolCalls: [{ id: "c9", function: { name: "f", arguments: "{}" } }] })).toBe("[tool call c9] f({})");
    expect(answerTranscript({ content: "Done." })).toBe("Done.");
  });
});
