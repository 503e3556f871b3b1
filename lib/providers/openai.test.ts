import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UpstreamServer } from "../testing/upstreams/http-helpers";
import { startOpenAiUpstream } from "../testing/upstreams/openai-upstream";
import { LOW_CONFIDENCE_REPLY } from "../testing/upstreams/openai-replies";
import { callOpenAi, resetLogprobsMemory, streamOpenAi } from "./openai";
import { ProviderError } from "./provider-error";
import type { ChatRequest, ProviderTarget } from "./types";

let up: UpstreamServer;
const request: ChatRequest = { messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "What are your opening hours?" }] };
const target = (model = "small-model", extra: Partial<ProviderTarget> = {}): ProviderTarget => ({
  name: "fast", provider: "openai", baseUrl: `${up.url}/v1`, model, apiKey: "sk-test", timeoutMs: 2000, ...extra,
});
const fail = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a ProviderError"); }, (e: unknown) => e as ProviderError);
const lastBody = () => up.requests.at(-1)!.body as Record<string, unknown>;

beforeAll(async () => { up = await startOpenAiUpstream({ apiKey: "sk-test" }); });
afterAll(() => up.close());
beforeEach(() => resetLogprobsMemory());

describe("callOpenAi (non-streaming)", () => {
  it("returns the completion, usage and answer; forwards the allowlisted fields and the tier's model, nothing else", async () => {
    const extra = { service_tier: "priority", store: true, metadata: { category: "x" }, top_k: 5, reasoning_effort: "high" };
    const result = await callOpenAi(target(), { ...request, model: "frontdesk/auto", seed: 7, parallel_tool_calls: false, ...extra });
    expect(result.answer).toEqual({ content: "Hello from the test upstream.", finishReason: "stop" });
    expect(result.usage).toEqual({ promptTokens: expect.any(Number), completionTokens: 5 });
    expect(result.response.object).toBe("chat.completion");
    expect(result.upstreamMs).toBeGreaterThan(0);
    expect(lastBody()).toMatchObject({ model: "small-model", seed: 7, parallel_tool_calls: false });
    for (const field of Object.keys(extra)) expect(lastBody()).not.toHaveProperty(field);
    expect(lastBody()).not.toHaveProperty("stream");
    expect(up.requests.at(-1)!.headers.authorization).toBe("Bearer sk-test");
  });

  it("asks for logprobs when wanted and returns them per token", async () => {
    const confident = await callOpenAi(target(), request, { wantLogprobs: true });
    expect(lastBody().logprobs).toBe(true);
    expect(confident.answer.logprobs).toHaveLength(5);
    const low = await callOpenAi(target("small-model+lowconf"), request, { wantLogprobs: true });
    expect(low.answer.content).toBe(LOW_CONFIDENCE_REPLY);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(low.answer.logprobs!)).toBeLessThan(-1);
    expect(mean(confident.answer.logprobs!)).toBeGreaterThan(-0.2);
  });

  it("retries once without logprobs when the upstream rejects them, then stops asking", async () => {
    const before = up.requests.length;
    const result = await callOpenAi(target("no-lp+nologprobs"), { ...request, top_logprobs: 2 }, { wantLogprobs: true });
    expect(result.answer.logprobs).toBeUndefined();
    const sent = up.requests.slice(before).map((r) => r.body as Record<string, unknown>);
    expect(sent).toHaveLength(2);
    expect(sent[0].logprobs).toBe(true);
    expect(sent[1]).not.toHaveProperty("logprobs");
    expect(sent[1]).not.toHaveProperty("top_logprobs");
    await callOpenAi(target("no-lp+nologprobs"), request, { wantLogprobs: true });
    expect(up.requests.length - before).toBe(3);
  });

  it("maps finish_reason length and tool calls", async () => {
    expect((await callOpenAi(target("m+length"), request)).answer.finishReason).toBe("length");
    const tools = [{ type: "function" as const, function: { name: "lookup", parameters: { type: "object" } } }];
    const result = await callOpenAi(target("m+tool"), { ...request, tools });
    expect(result.answer.finishReason).toBe("tool_calls");
    expect(result.answer.toolCalls?.[0].function.name).toBe("lookup");
  });

  it("reuses one keep-alive connection for sequential calls", async () => {
    const before = up.stats.connections;
    for (let i = 0; i < 20; i++) await callOpenAi(target(), request);
    expect(up.stats.connections - before).toBeLessThanOrEqual(1);
  });
});

describe("callOpenAi errors", () => {
  it("HTTP 500 → retryable http error; 429 carries Retry-After; 401 is not retryable", async () => {
    const e500 = await fail(callOpenAi(target("m+status=500"), request));
    expect(e500).toMatchObject({ kind: "http", status: 500, retryable: true, tier: "fast" });
    expect(e500.elapsedMs).toBeGreaterThan(0);
    expect(await fail(callOpenAi(target("m+status=429"), request))).toMatchObject({ kind: "http", status: 429, retryAfterMs: 1000, retryable: true });
    expect(await fail(callOpenAi(target("m", { apiKey: "wrong" }), request))).toMatchObject({ kind: "http", status: 401, retryable: false });
  });

  it("timeout: a total deadline, and the upstream sees the socket close", async () => {
    const error = await fail(callOpenAi(target("m+delay=1500", { timeoutMs: 100 }), request));
    expect(error).toMatchObject({ kind: "timeout", retryable: true });
    expect(error.elapsedMs).toBeLessThan(1000);
    expect(await up.requests.at(-1)!.done).toBe("aborted");
  });

  it("connection refused on a closed port, dropped sockets, invalid JSON", async () => {
    const closed = await startOpenAiUpstream();
    await closed.close();
    expect(await fail(callOpenAi({ ...target(), baseUrl: `${closed.url}/v1` }, request))).toMatchObject({ kind: "connection", code: "ECONNREFUSED", retryable: true });
    expect(await fail(callOpenAi(target("m+drop"), request))).toMatchObject({ kind: "connection" });
    expect(await fail(callOpenAi(target("m+dropafter=1"), request))).toMatchObject({ kind: "connection" });
    expect(await fail(callOpenAi(target("m+badjson"), request))).toMatchObject({ kind: "invalid_response" });
  });

  it("abort: rejects as aborted (not retryable) and closes the upstream socket", async () => {
    const controller = new AbortController();
    const pending = fail(callOpenAi(target("m+hang"), request, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ kind: "aborted", retryable: false });
    expect(await up.requests.at(-1)!.done).toBe("aborted");
    expect(await fail(callOpenAi(target(), request, { signal: AbortSignal.abort() }))).toMatchObject({ kind: "aborted" });
  });
});

describe("streamOpenAi", () => {
  it("parses chunks split mid-line and summarizes usage and logprobs", async () => {
    const stream = await streamOpenAi(target("m+split=7"), request, { wantLogprobs: true });
    let text = "";
    for await (const chunk of stream.chunks()) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe("Hello from the test upstream.");
    const summary = await stream.summary;
    expect(summary.answer).toMatchObject({ content: text, finishReason: "stop" });
    expect(summary.answer.logprobs).toHaveLength(5);
    expect(summary.usage).toEqual({ promptTokens: expect.any(Number), completionTokens: 5 });
    expect(summary.firstTokenMs).toBeGreaterThan(0);
    expect(lastBody()).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("sse() passes the upstream bytes through untouched", async () => {
    const stream = await streamOpenAi(target(), request);
    const parts: Uint8Array[] = [];
    for await (const part of stream.sse()) parts.push(part);
    const text = Buffer.concat(parts).toString();
    expect(text.startsWith("data: {")).toBe(true);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    expect((await stream.summary).answer.content).toBe("Hello from the test upstream.");
    await expect(stream.chunks()[Symbol.asyncIterator]().next()).rejects.toThrow(/consumed once/);
  });

  it("long streams: every token is counted (deferred parsing drains in batches), both views agree", async () => {
    const viaSse = await streamOpenAi(target("m+tokens=3000"), request, { wantLogprobs: true });
    let bytes = 0;
    for await (const part of viaSse.sse()) bytes += part.length;
    expect(bytes).toBeGreaterThan(300_000);
    const summary = await viaSse.summary;
    expect(summary.answer.logprobs).toHaveLength(3000);
    expect(summary.usage.completionTokens).toBe(3000);
    const viaChunks = await streamOpenAi(target("m+tokens=3000"), request, { wantLogprobs: true });
    for await (const _ of viaChunks.chunks()) void _;
    expect((await viaChunks.summary).answer.content).toBe(summary.answer.content);
  });

  it("a failure before the first byte rejects the call itself (the router can still fall back)", async () => {
    expect(await fail(streamOpenAi(target("m+status=503"), request))).toMatchObject({ kind: "http", status: 503 });
  });

  it("a stream that stalls mid-way fails as stalled, in the iterator and the summary", async () => {
    const stream = await streamOpenAi(target("m+stall=2", { options: { stallTimeoutMs: 150 } }), request);
    const seen: string[] = [];
    const error = await fail((async () => { for await (const c of stream.chunks()) seen.push(c.id); })());
    expect(error).toMatchObject({ kind: "stalled", retryable: true, tier: "fast" });
    expect(seen.length).toBe(2);
    await expect(stream.summary).rejects.toMatchObject({ kind: "stalled" });
    expect(await up.requests.at(-1)!.done).toBe("aborted");
  });

  it("a connection dropped mid-stream fails as connection", async () => {
    const stream = await streamOpenAi(target("m+dropafter=3"), request);
    expect(await fail((async () => { for await (const _ of stream.sse()) void _; })())).toMatchObject({ kind: "connection" });
  });

  it("leaving the loop early or abort() closes the upstream socket", async () => {
    const stream = await streamOpenAi(target("m+tokens=30+chunkdelay=20"), request);
    for await (const _ of stream.chunks()) break;
    expect(await up.requests.at(-1)!.done).toBe("aborted");
    await expect(stream.summary).rejects.toMatchObject({ kind: "aborted" });

    const controller = new AbortController();
    const second = await streamOpenAi(target("m+tokens=30+chunkdelay=20"), request, { signal: controller.signal });
    const consumed = fail((async () => { for await (const _ of second.chunks()) controller.abort(); })());
    expect(await consumed).toMatchObject({ kind: "aborted" });
    expect(await up.requests.at(-1)!.done).toBe("aborted");
  });

  it("soFar(): what was produced until the consumer left or the stream broke, usage estimated", async () => {
    const stream = await streamOpenAi(target("m+tokens=30+chunkdelay=20"), request);
    let seen = 0;
    for await (const part of stream.sse()) if ((seen += Buffer.from(part).toString().split("data: ").length - 1) >= 6) break;
    const partial = stream.soFar();
    expect(partial.answer.content.length).toBeGreaterThan(0);
    expect(partial.usage).toMatchObject({ estimated: true, promptTokens: expect.any(Number) });
    expect(partial.usage.completionTokens).toBeGreaterThan(0);
    expect(partial.usage.completionTokens).toBeLessThan(30);
    expect(partial.firstTokenMs).toBeGreaterThan(0);

    const broken = await streamOpenAi(target("m+tokens=30+dropafter=8"), request);
    await fail((async () => { for await (const _ of broken.sse()) void _; })());
    expect(broken.soFar().answer.content.split(" ").length).toBeGreaterThanOrEqual(5);
  });

  it("accumulates streamed tool calls", async () => {
    const tools = [{ type: "function" as const, function: { name: "lookup" } }];
    const stream = await streamOpenAi(target("m+tool"), { ...request, tools });
    for await (const _ of stream.chunks()) void _;
    const { answer } = await stream.summary;
    expect(answer.finishReason).toBe("tool_calls");
    expect(answer.toolCalls).toEqual([{ id: "call_test_1", type: "function", function: { name: "lookup", arguments: "{}" } }]);
  });
});
