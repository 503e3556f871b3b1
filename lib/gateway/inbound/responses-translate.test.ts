import { describe, expect, it } from "vitest";
import type { ChatCompletionChunk } from "../../providers/index";
import { SseParser } from "../../providers/sse-parser";
import { responsesRequestSchema, responsesToChat } from "./responses-request";
import { ResponsesEventWriter, toResponse } from "./responses-response";

const parse = (body: unknown) => responsesToChat(responsesRequestSchema.parse(body));

const chunk = (delta: ChatCompletionChunk["choices"][0]["delta"], finish: ChatCompletionChunk["choices"][0]["finish_reason"] = null): ChatCompletionChunk => ({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta, finish_reason: finish }] });

const ids = { id: "0193-abcd", model: "m", created: 1 };

describe("Responses request → chat request", () => {
  it("maps instructions, items (a call after the assistant's text joins its turn), tools, tool_choice, format and limits", () => {
    const chat = parse({
      model: "frontdesk/auto",
      instructions: "Be brief.",
      max_output_tokens: 50,
      metadata: { category: "billing" },
      tools: [{ type: "function", name: "t", parameters: { type: "object" } }],
      tool_choice: { type: "function", name: "t" },
      text: { format: { type: "json_schema", name: "out", schema: { type: "object" }, strict: true } },
      store: false,
      input: [
        { type: "message", role: "user", content: [{ type: "input_text", text: "hi" }, { type: "input_image", image_url: "https://x/y.png", detail: "low" }] },
        { type: "reasoning", id: "rs_1", summary: [] },
        { role: "assistant", content: [{ type: "output_text", text: "Checking." }] },
        { type: "function_call", call_id: "c1", name: "t", arguments: "{}" },
        { type: "function_call", call_id: "c2", name: "t", arguments: '{"a":1}' },
        { type: "function_call_output", call_id: "c1", output: "one" },
        { type: "function_call_output", call_id: "c2", output: [{ type: "input_text", text: "two" }] },
      ],
    });
    expect(chat).toEqual({
      model: "frontdesk/auto",
      max_tokens: 50,
      metadata: { category: "billing" },
      tools: [{ type: "function", function: { name: "t", parameters: { type: "object" } } }],
      tool_choice: { type: "function", function: { name: "t" } },
      response_format: { type: "json_schema", json_schema: { name: "out", schema: { type: "object" }, strict: true } },
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: [{ type: "text", text: "hi" }, { type: "image_url", image_url: { url: "https://x/y.png", detail: "low" } }] },
        { role: "assistant", content: "Checking.", tool_calls: [{ id: "c1", type: "function", function: { name: "t", arguments: "{}" } }, { id: "c2", type: "function", function: { name: "t", arguments: '{"a":1}' } }] },
        { role: "tool", tool_call_id: "c1", content: "one" },
        { role: "tool", tool_call_id: "c2", content: "two" },
      ],
    });
  });

  it("refuses state it does not keep, built-in tools and unknown items", () => {
    const fails = (body: object) => responsesRequestSchema.safeParse({ model: "m", input: "x", ...body });
    expect(fails({ store: true }).error?.issues[0]?.message).toMatch(/stateless/);
    expect(fails({ previous_response_id: "resp_1" }).error?.issues[0]?.path).toEqual(["previous_response_id"]);
    expect(fails({ conversation: "conv_1" }).success).toBe(false);
    expect(fails({ store: null, previous_response_id: null, reasoning: { effort: "low" } }).success).toBe(true);
    expect(fails({ frobnicate: 1 }).success).toBe(false);
    expect(() => parse({ model: "m", input: "x", tools: [{ type: "file_search" }] })).toThrow(/tools\.0/);
    expect(() => parse({ model: "m", input: [{ type: "item_reference", id: "msg_1" }] })).toThrow(/stateless/);
  });
});

describe("chat answer → Responses answer", () => {
  it("builds output items, output_text, usage and the incomplete status of a cut answer", () => {
    const r = responsesRequestSchema.parse({ model: "m", input: "x", max_output_tokens: 5 });
    const response = toResponse(r, ids, { id: "x", object: "chat.completion", created: 1, model: "m", choices: [{ index: 0, message: { role: "assistant", content: "hel" }, finish_reason: "length" }] }, { promptTokens: 2, completionTokens: 5 });
    expect(response).toMatchObject({ id: "resp_0193abcd", status: "incomplete", incomplete_details: { reason: "max_output_tokens" }, output_text: "hel", max_output_tokens: 5, usage: { input_tokens: 2, output_tokens: 5, total_tokens: 7 } });
    expect(response.output).toEqual([{ type: "message", id: "msg_0193abcd", status: "completed", role: "assistant", content: [{ type: "output_text", text: "hel", annotations: [], logprobs: [] }] }]);
  });

  it("streams items with deltas and done events, numbered in sequence", () => {
    const w = new ResponsesEventWriter(responsesRequestSchema.parse({ model: "m", input: "x" }), ids);
    const out = [
      w.start(),
      w.chunk(chunk({ role: "assistant", content: "" })),
      w.chunk(chunk({ content: "Hi" })),
      w.chunk(chunk({ tool_calls: [{ index: 0, id: "c1", type: "function", function: { name: "t", arguments: '{"a"' } }] })),
      w.chunk(chunk({ tool_calls: [{ index: 0, function: { arguments: ":1}" } }] })),
      w.chunk(chunk({}, "tool_calls")),
      w.end(),
    ].join("");
    const e = new SseParser().push(out).map((x) => JSON.parse(x.data));
    expect(e.map((x) => x.type)).toEqual([
      "response.created", "response.in_progress",
      "response.output_item.added", "response.content_part.added", "response.output_text.delta",
      "response.output_text.done", "response.content_part.done", "response.output_item.done",
      "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.delta",
      "response.function_call_arguments.done", "response.output_item.done",
      "response.completed",
    ]);
    expect(e.map((x) => x.sequence_number)).toEqual(e.map((_, i) => i));
    const done = e.at(-1).response;
    expect(done.output.map((o: { type: string }) => o.type)).toEqual(["message", "function_call"]);
    expect(done.output[1]).toMatchObject({ call_id: "c1", name: "t", arguments: '{"a":1}', status: "completed" });
    expect(done.output[1].id).toBe(e[8].item.id);
    expect(done.output_text).toBe("Hi");
  });
});
