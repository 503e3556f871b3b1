import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAnthropicUpstream } from "../testing/upstreams/anthropic-upstream";
import { ANTHROPIC_DEFAULT_REPLY, TOOL_INPUT } from "../testing/upstreams/anthropic-replies";
import type { UpstreamServer } from "../testing/upstreams/http-helpers";
import { callAnthropic, streamAnthropic } from "./anthropic";
import type { ProviderError } from "./provider-error";
import type { ChatRequest, ProviderTarget } from "./types";

let up: UpstreamServer;
const request: ChatRequest = {
  messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Where is my card?" }],
  stop: ["\n\n"],
  tools: [{ type: "function", function: { name: "track_card", parameters: { type: "object", properties: { query: { type: "string" } } } } }],
};
const target = (model = "claude-test", extra: Partial<ProviderTarget> = {}): ProviderTarget => ({
  name: "capable", provider: "anthropic", baseUrl: up.url, model, apiKey: "ak-test", timeoutMs: 2000, ...extra,
});
const fail = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a ProviderError"); }, (e: unknown) => e as ProviderError);

beforeAll(async () => { up = await startAnthropicUpstream({ apiKey: "ak-test" }); });
afterAll(() => up.close());

describe("callAnthropic over HTTP", () => {
  it("sends a valid Messages request and maps the answer back", async () => {
    const result = await callAnthropic(target(), request);
    const sent = up.requests.at(-1)!;
    expect(sent.path).toBe("/v1/messages");
    expect(sent.headers["x-api-key"]).toBe("ak-test");
    expect(sent.headers["anthropic-version"]).toBe("2023-06-01");
    expect(sent.body).toMatchObject({ model: "claude-test", system: "Be brief.", max_tokens: 4096, stop_sequences: ["\n\n"] });
    expect(result.answer).toEqual({ content: ANTHROPIC_DEFAULT_REPLY, finishReason: "stop" });
    expect(result.usage.completionTokens).toBe(6);
    expect(result.response.object).toBe("chat.completion");
  });

  it("maps tool_use and max_tokens; accepts a base URL ending in /v1", async () => {
    const tool = await callAnthropic(target("claude-test+tool", { baseUrl: `${up.url}/v1` }), request);
    expect(tool.answer.finishReason).toBe("tool_calls");
    expect(tool.answer.toolCalls).toEqual([{ id: "toolu_test_1", type: "function", function: { name: "track_card", arguments: JSON.stringify(TOOL_INPUT) } }]);
    expect((await callAnthropic(target("claude-test+length"), request)).answer.finishReason).toBe("length");
  });

  it("maps errors: 529 overloaded is retryable, 401 is not, timeouts time out", async () => {
    expect(await fail(callAnthropic(target("claude-test+status=529"), request))).toMatchObject({ kind: "http", status: 529, retryable: true, code: "overloaded_error" });
    expect(await fail(callAnthropic(target("claude-test", { apiKey: "bad" }), request))).toMatchObject({ kind: "http", status: 401, retryable: false });
    expect(await fail(callAnthropic(target("claude-test+delay=1000", { timeoutMs: 80 }), request))).toMatchObject({ kind: "timeout" });
  });
});

describe("streamAnthropic over HTTP", () => {
  it("maps the event stream to OpenAI chunks with usage, across split reads", async () => {
    const stream = await streamAnthropic(target("claude-test+tool+split=11"), request);
    const chunks = [];
    for await (const chunk of stream.chunks()) chunks.push(chunk);
    expect(chunks.every((c) => c.object === "chat.completion.chunk")).toBe(true);
    const summary = await stream.summary;
    expect(summary.answer.content).toBe(ANTHROPIC_DEFAULT_REPLY);
    expect(summary.answer.finishReason).toBe("tool_calls");
    expect(summary.answer.toolCalls?.[0].function.arguments).toBe(JSON.stringify(TOOL_INPUT));
    expect(summary.usage).toEqual({ promptTokens: expect.any(Number), completionTokens: 14 });
    expect(up.requests.at(-1)!.body).toMatchObject({ stream: true });
  });

  it("sse() serializes chunks in OpenAI's SSE format ending with [DONE]", async () => {
    const stream = await streamAnthropic(target(), request);
    const parts: Uint8Array[] = [];
    for await (const part of stream.sse()) parts.push(part);
    const text = Buffer.concat(parts).toString();
    expect(text).toContain("\"object\":\"chat.completion.chunk\"");
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("a stalled stream fails as stalled and closes the socket", async () => {
    const stream = await streamAnthropic(target("claude-test+stall=4", { options: { stallTimeoutMs: 100 } }), request);
    expect(await fail((async () => { for await (const _ of stream.chunks()) void _; })())).toMatchObject({ kind: "stalled" });
    expect(await up.requests.at(-1)!.done).toBe("aborted");
  });
});
