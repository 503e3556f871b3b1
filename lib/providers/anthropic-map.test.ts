import { describe, expect, it } from "vitest";
import { fromAnthropicResponse, mapStopReason, toAnthropicRequest } from "./anthropic-map";
import { AnthropicChunkMapper } from "./anthropic-stream";
import { ChunkAccumulator } from "./answer";
import type { ChatRequest } from "./types";

describe("OpenAI → Anthropic request", () => {
  it("extracts system messages, maps content parts, tools, stop and limits", () => {
    const request: ChatRequest = {
      messages: [
        { role: "system", content: "Be brief." },
        { role: "developer", content: [{ type: "text", text: "Answer in English." }] },
        { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }] },
        { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup", arguments: "{\"q\":\"x\"}" } }] },
        { role: "tool", tool_call_id: "call_1", content: "found it" },
        { role: "user", content: "Thanks, and?" },
      ],
      tools: [{ type: "function", function: { name: "lookup", description: "Look up", parameters: { type: "object" } } }],
      tool_choice: "required",
      stop: "END",
      temperature: 1.6,
      max_completion_tokens: 300,
      user: "u-42",
      seed: 1,
    };
    const body = toAnthropicRequest(request, "claude-x", 4096, true);
    expect(body).toEqual({
      model: "claude-x",
      max_tokens: 300,
      system: "Be brief.\n\nAnswer in English.",
      messages: [
        { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image", source: { type: "base64", media_type: "image/png", data: "AAAA" } }] },
        { role: "assistant", content: [{ type: "tool_use", id: "call_1", name: "lookup", input: { q: "x" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "call_1", content: "found it" }, { type: "text", text: "Thanks, and?" }] },
      ],
      stop_sequences: ["END"],
      temperature: 1,
      metadata: { user_id: "u-42" },
      tools: [{ name: "lookup", description: "Look up", input_schema: { type: "object" } }],
      tool_choice: { type: "any" },
      stream: true,
    });
  });

  it("defaults max_tokens and keeps plain string turns", () => {
    const body = toAnthropicRequest({ messages: [{ role: "user", content: "hi" }], max_tokens: undefined }, "m", 1024, false);
    expect(body).toEqual({ model: "m", max_tokens: 1024, messages: [{ role: "user", content: "hi" }] });
  });

  it("refuses content parts Anthropic cannot take", () => {
    expect(() => toAnthropicRequest({ messages: [{ role: "user", content: [{ type: "input_audio", input_audio: {} }] }] }, "m", 1, false))
      .toThrow(/unsupported content part/);
  });
});

describe("Anthropic → OpenAI response", () => {
  it("maps text, tool_use, stop reasons and usage", () => {
    const completion = fromAnthropicResponse({
      id: "msg_1", type: "message", role: "assistant", model: "claude-x",
      content: [{ type: "text", text: "Let me check." }, { type: "tool_use", id: "toolu_1", name: "lookup", input: { q: "x" } }],
      stop_reason: "tool_use",
      usage: { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 2 },
    }, 123);
    expect(completion).toEqual({
      id: "msg_1", object: "chat.completion", created: 123, model: "claude-x",
      choices: [{
        index: 0,
        message: { role: "assistant", content: "Let me check.", tool_calls: [{ id: "toolu_1", type: "function", function: { name: "lookup", arguments: "{\"q\":\"x\"}" } }], refusal: null },
        finish_reason: "tool_calls",
        logprobs: null,
      }],
      usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
    });
    expect([mapStopReason("end_turn"), mapStopReason("max_tokens"), mapStopReason("stop_sequence"), mapStopReason(null)]).toEqual(["stop", "length", "stop", null]);
  });

  it("maps streaming events to chunks and accumulates the answer", () => {
    const events = [
      { type: "message_start", message: { id: "msg_2", model: "claude-x", usage: { input_tokens: 7 } } },
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      { type: "ping" },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hi " } },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "there" } },
      { type: "content_block_start", index: 1, content_block: { type: "tool_use", id: "toolu_2", name: "lookup", input: {} } },
      { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: "{\"q\":" } },
      { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: "\"y\"}" } },
      { type: "message_delta", delta: { stop_reason: "max_tokens" }, usage: { output_tokens: 9 } },
      { type: "message_stop" },
    ];
    const mapper = new AnthropicChunkMapper(1);
    const acc = new ChunkAccumulator({ messages: [] }, () => 0, 0);
    const chunks = events.flatMap((e) => mapper.map({ event: e.type, data: JSON.stringify(e) }));
    chunks.forEach((c) => acc.add(c));
    expect(chunks[0].choices[0].delta).toEqual({ role: "assistant", content: "" });
    expect(chunks.at(-1)).toMatchObject({ id: "msg_2", choices: [], usage: { prompt_tokens: 7, completion_tokens: 9, total_tokens: 16 } });
    expect(acc.answer()).toEqual({
      content: "Hi there",
      finishReason: "length",
      toolCalls: [{ id: "toolu_2", type: "function", function: { name: "lookup", arguments: "{\"q\":\"y\"}" } }],
    });
  });

  it("turns an error event into a retryable ProviderError", () => {
    const mapper = new AnthropicChunkMapper();
    expect(() => mapper.map({ data: JSON.stringify({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }) }))
      .toThrow(expect.objectContaining({ kind: "http", status: 529, retryable: true }));
  });
});
