import { describe, expect, it } from "vitest";
import type { ChatCompletionChunk } from "../../providers/index";
import { SseParser } from "../../providers/sse-parser";
import { MessagesEventWriter, toAnthropicMessage } from "./messages-response";
import { messagesRequestSchema, messagesToChat } from "./messages-request";
import { translateSse } from "./translate-sse";

const parse = (body: unknown) => messagesToChat(messagesRequestSchema.parse(body));

const chunk = (delta: ChatCompletionChunk["choices"][0]["delta"], finish: ChatCompletionChunk["choices"][0]["finish_reason"] = null): ChatCompletionChunk => ({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta, finish_reason: finish }] });

function events(text: string) {
  return new SseParser().push(text).map((e) => ({ event: e.event, ...JSON.parse(e.data) }));
}

describe("Messages request → chat request", () => {
  it("maps system blocks, images, tool_use, tool_result (errors marked) and the knobs", () => {
    const chat = parse({
      model: "frontdesk/auto",
      max_tokens: 300,
      system: [{ type: "text", text: "A" }, { type: "text", text: "B" }],
      stop_sequences: ["X"],
      temperature: 0.5,
      metadata: { user_id: "u1" },
      tools: [{ name: "t", input_schema: { type: "object" } }],
      tool_choice: { type: "any", disable_parallel_tool_use: true },
      messages: [
        { role: "user", content: [{ type: "text", text: "look" }, { type: "image", source: { type: "base64", media_type: "image/png", data: "AAA" } }] },
        { role: "assistant", content: [{ type: "thinking", thinking: "hm" }, { type: "tool_use", id: "tu", name: "t", input: { a: 1 } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "tu", content: [{ type: "text", text: "boom" }], is_error: true }] },
      ],
    });
    expect(chat).toEqual({
      model: "frontdesk/auto",
      max_tokens: 300,
      stop: ["X"],
      temperature: 0.5,
      user: "u1",
      tools: [{ type: "function", function: { name: "t", parameters: { type: "object" } } }],
      tool_choice: "required",
      parallel_tool_calls: false,
      messages: [
        { role: "system", content: "A\n\nB" },
        { role: "user", content: [{ type: "text", text: "look" }, { type: "image_url", image_url: { url: "data:image/png;base64,AAA" } }] },
        { role: "assistant", content: null, tool_calls: [{ id: "tu", type: "function", function: { name: "t", arguments: '{"a":1}' } }] },
        { role: "tool", tool_call_id: "tu", content: "Error: boom" },
      ],
    });
  });

  it("refuses what it cannot translate, naming the field", () => {
    expect(() => parse({ model: "m", max_tokens: 1, messages: [{ role: "user", content: [{ type: "document" }] }] })).toThrow(/messages\.0\.content\.0/);
    expect(messagesRequestSchema.safeParse({ model: "m", max_tokens: 1, thinking: { type: "enabled", budget_tokens: 1000 }, messages: [{ role: "user", content: "x" }] }).success).toBe(false);
    expect(messagesRequestSchema.safeParse({ model: "m", max_tokens: 1, tools: [{ type: "web_search_20250305", name: "web_search" }], messages: [{ role: "user", content: "x" }] }).success).toBe(false);
    expect(() => parse({ model: "m", max_tokens: 1, tools: [{ name: "t", input_schema: {} }], tool_choice: { type: "tool" }, messages: [{ role: "user", content: "x" }] })).toThrow(/tool_choice\.name/);
  });
});

describe("chat answer → Messages answer", () => {
  it("makes text and tool_use blocks with the stop reason and usage", () => {
    const message = toAnthropicMessage(
      { id: "x", object: "chat.completion", created: 1, model: "m", choices: [{ index: 0, message: { role: "assistant", content: "hi", tool_calls: [{ id: "c1", type: "function", function: { name: "t", arguments: "not json" } }] }, finish_reason: "tool_calls" }] },
      { promptTokens: 3, completionTokens: 4 },
      "msg_1",
      "m",
    );
    expect(message).toMatchObject({ id: "msg_1", stop_reason: "tool_use", usage: { input_tokens: 3, output_tokens: 4 }, content: [{ type: "text", text: "hi" }, { type: "tool_use", id: "c1", name: "t", input: { arguments: "not json" } }] });
  });

  it("streams blocks in order: text, then each tool call, closed before the next opens", () => {
    const w = new MessagesEventWriter("msg_1", "m");
    const out = [
      w.start(),
      w.chunk(chunk({ role: "assistant", content: "" })),
      w.chunk(chunk({ content: "He" })),
      w.chunk(chunk({ content: "llo" })),
      w.chunk(chunk({ tool_calls: [{ index: 0, id: "c1", type: "function", function: { name: "a", arguments: "" } }] })),
      w.chunk(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"x":' } }] })),
      w.chunk(chunk({ tool_calls: [{ index: 0, function: { arguments: "1}" } }] })),
      w.chunk(chunk({ tool_calls: [{ index: 1, id: "c2", type: "function", function: { name: "b", arguments: "{}" } }] })),
      w.chunk(chunk({}, "tool_calls")),
      w.chunk({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [], usage: { prompt_tokens: 5, completion_tokens: 6, total_tokens: 11 } }),
      w.end(),
    ].join("");
    const e = events(out);
    expect(e.map((x) => (x.type === "content_block_delta" ? `${x.index}:${x.delta.type}` : x.type === "content_block_start" ? `start ${x.index}:${x.content_block.type}` : x.type))).toEqual([
      "message_start",
      "start 0:text", "0:text_delta", "0:text_delta", "content_block_stop",
      "start 1:tool_use", "1:input_json_delta", "1:input_json_delta", "content_block_stop",
      "start 2:tool_use", "2:input_json_delta", "content_block_stop",
      "message_delta", "message_stop",
    ]);
    expect(e.every((x) => x.event === x.type)).toBe(true);
    expect(e.at(-2)).toMatchObject({ delta: { stop_reason: "tool_use" }, usage: { input_tokens: 5, output_tokens: 6 } });
  });
});

describe("translateSse", () => {
  async function collect(source: string[]) {
    const enc = new TextEncoder();
    let out = "";
    for await (const bytes of translateSse((async function* () { for (const s of source) yield enc.encode(s); })(), new MessagesEventWriter("msg_1", "m"))) out += new TextDecoder().decode(bytes);
    return events(out);
  }

  it("re-encodes chat SSE split anywhere, and ends with the stop events", async () => {
    const sse = `data: ${JSON.stringify(chunk({ content: "Hi" }, "stop"))}\n\ndata: [DONE]\n\n`;
    const e = await collect([sse.slice(0, 10), sse.slice(10)]);
    expect(e.map((x) => x.type)).toEqual(["message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"]);
  });

  it("turns the chat stream's error event into the API's error event and stops", async () => {
    const e = await collect([`data: ${JSON.stringify(chunk({ content: "Hi" }))}\n\n`, `data: ${JSON.stringify({ error: { message: "The upstream stream broke: x" } })}\n\n`]);
    expect(e.at(-1)).toEqual({ event: "error", type: "error", error: { type: "api_error", message: "The upstream stream broke: x" } });
    expect(e.some((x) => x.type === "message_stop")).toBe(false);
  });
});
