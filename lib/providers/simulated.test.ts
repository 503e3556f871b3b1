import { describe, expect, it } from "vitest";
import type { ProviderError } from "./provider-error";
import { callSimulated, streamSimulated } from "./simulated";
import { DEFAULT_CANNED_ANSWER } from "./simulated-options";
import { createRng } from "./simulated-random";
import type { OutcomeRow } from "./simulated-replay";
import type { ChatRequest, ProviderTarget } from "./types";

const rows: OutcomeRow[] = [
  { id: "r1", prompt: "What is 2 + 2?\nA. 3\nB. 4", outcomes: { small: { score: 1, prompt_tokens: 21, completion_tokens: 1, response: "B" }, large: { score: 1, response: "B" } } },
  { id: "r2", prompt: "Name the capital of Australia.", outcomes: { small: { score: 0, prompt_tokens: 9, completion_tokens: 3, response: "It is Sydney." } } },
  { id: "r3", messages: [{ role: "user", content: "Hello there" }], outcomes: { small: { score: 1, response: "Hi! How can I help?" } } },
];

/** A fake clock whose sleep advances time instantly. */
function fakeTime() {
  let t = 0;
  const sleeps: number[] = [];
  return { now: () => t, sleep: async (ms: number) => { sleeps.push(ms); t += ms; }, sleeps };
}

const target = (options: Record<string, unknown> = {}, extra: Partial<ProviderTarget> = {}): ProviderTarget =>
  ({ name: "fast", provider: "simulated", model: "small", timeoutMs: 10_000, options: { latency: { kind: "lognormal", medianMs: 300, p95Ms: 900 }, replay: { rows }, ...options }, ...extra });
const ask = (content: string): ChatRequest => ({ messages: [{ role: "system", content: "You are helpful." }, { role: "user", content }] });
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("simulated provider", () => {
  it("is deterministic for a seed (answers, latency, logprobs) and differs across seeds", async () => {
    const run = async (seed: number) => {
      const time = fakeTime();
      const out = [];
      const rng = createRng(seed);
      for (let i = 0; i < 5; i++) {
        const r = await callSimulated(target(), ask(`question ${i}`), { rng, ...time, wantLogprobs: true });
        out.push({ answer: r.answer, usage: r.usage, ms: r.upstreamMs, id: r.response.id });
      }
      return out;
    };
    expect(await run(42)).toEqual(await run(42));
    expect(await run(42)).not.toEqual(await run(43));
  });

  it("replays recorded responses and token counts; the score sets the confidence", async () => {
    const time = fakeTime();
    const rng = createRng(1);
    const right = await callSimulated(target(), ask("What is 2 + 2?\n  A. 3\nB. 4 "), { rng, ...time, wantLogprobs: true });
    expect(right.answer.content).toBe("B");
    expect(right.usage).toEqual({ promptTokens: 21, completionTokens: 1 });
    const wrong = await callSimulated(target(), ask("Name the capital of Australia."), { rng, ...time, wantLogprobs: true });
    expect(wrong.answer.content).toBe("It is Sydney.");
    expect(mean(wrong.answer.logprobs!)).toBeLessThan(-1.5);
    expect(mean(right.answer.logprobs!)).toBeGreaterThan(-0.2);
    expect((await callSimulated(target(), ask("Hello there"), { rng, ...time })).answer.content).toBe("Hi! How can I help?");
    const other = await callSimulated(target({ replay: { rows, model: "large" } }, { model: "whatever" }), ask("What is 2 + 2?\nA. 3\nB. 4"), { rng, ...time });
    expect(other.answer.content).toBe("B");
  });

  it("answers unknown prompts with the canned answer within the token range", async () => {
    const r = await callSimulated(target({ completionTokens: { min: 5, max: 8 } }), ask("unknown"), { rng: createRng(3), ...fakeTime() });
    expect(DEFAULT_CANNED_ANSWER.startsWith(r.answer.content.trim())).toBe(true);
    expect(r.usage.completionTokens).toBeGreaterThanOrEqual(5);
    expect(r.usage.completionTokens).toBeLessThanOrEqual(8);
    expect(r.response.system_fingerprint).toBe("frontdesk-simulated");
  });

  it("starts the canned answer over, with a space, when the answer is longer than it", async () => {
    const r = await callSimulated(target({ completionTokens: { min: 45, max: 45 } }), ask("unknown"), { rng: createRng(3), ...fakeTime() });
    expect(r.answer.content.startsWith(`${DEFAULT_CANNED_ANSWER} ${DEFAULT_CANNED_ANSWER} `)).toBe(true);
    expect(r.answer.content).not.toMatch(/\.Thanks/);
    expect(r.usage.completionTokens).toBe(45);
  });

  it("honours max_tokens with finish_reason length", async () => {
    const r = await callSimulated(target(), { ...ask("unknown"), max_tokens: 3 }, { rng: createRng(3), ...fakeTime() });
    expect(r.answer.finishReason).toBe("length");
    expect(r.usage.completionTokens).toBe(3);
  });

  it("fails with the configured status at the configured rate, and times out past timeoutMs", async () => {
    const time = fakeTime();
    const error = await callSimulated(target({ errorRate: 1, errorStatus: 502 }), ask("x"), { rng: createRng(5), ...time }).catch((e: ProviderError) => e);
    expect(error).toMatchObject({ kind: "http", status: 502, retryable: true, tier: "fast" });
    const slow = target({ latency: { kind: "fixed", ms: 5000 } }, { timeoutMs: 1000 });
    const timeout = await callSimulated(slow, ask("x"), { rng: createRng(5), ...time }).catch((e: ProviderError) => e);
    expect(timeout).toMatchObject({ kind: "timeout", elapsedMs: 1000 });
    let failures = 0;
    const rng = createRng(9);
    for (let i = 0; i < 400; i++) await callSimulated(target({ errorRate: 0.25 }), ask("x"), { rng, ...time }).catch(() => failures++);
    expect(failures).toBeGreaterThan(60);
    expect(failures).toBeLessThan(140);
  });

  it("streams chunks paced over the latency, with usage and logprobs in the summary", async () => {
    const time = fakeTime();
    const stream = await streamSimulated(target({ latency: { kind: "fixed", ms: 1000 }, firstTokenShare: 0.2 }), ask("What is 2 + 2?\nA. 3\nB. 4"), { rng: createRng(2), ...time, wantLogprobs: true });
    let text = "";
    for await (const chunk of stream.chunks()) text += chunk.choices[0]?.delta.content ?? "";
    const summary = await stream.summary;
    expect(text).toBe("B");
    expect(summary).toMatchObject({ answer: { content: "B", finishReason: "stop" }, usage: { promptTokens: 21, completionTokens: 1 }, upstreamMs: 1000, firstTokenMs: 1000 });
    expect(summary.answer.logprobs).toHaveLength(1);
    const long = await streamSimulated(target({ latency: { kind: "fixed", ms: 1000 }, completionTokens: { min: 40, max: 40 } }), ask("unknown"), { rng: createRng(2), ...fakeTime() });
    const bytes: Uint8Array[] = [];
    for await (const part of long.sse()) bytes.push(part);
    expect(Buffer.concat(bytes).toString().endsWith("data: [DONE]\n\n")).toBe(true);
    expect((await long.summary).upstreamMs).toBeCloseTo(1000, 6);
  });

  it("aborts: a pending call rejects as aborted; a stream stops", async () => {
    const controller = new AbortController();
    const pending = callSimulated(target({ latency: { kind: "fixed", ms: 10_000 } }), ask("x"), { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: "aborted", retryable: false });
    const stream = await streamSimulated(target({ latency: { kind: "fixed", ms: 10_000 } }), ask("x"));
    const consumed = (async () => { for await (const _ of stream.chunks()) void _; })();
    stream.abort();
    await expect(consumed).rejects.toMatchObject({ kind: "aborted" });
  });

  it("rejects invalid options with every problem named", async () => {
    const error = (await callSimulated(target({ errorRate: 2, latency: { kind: "lognormal", medianMs: 500, p95Ms: 100 } }), ask("x")).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/errorRate/);
    expect(error.message).toMatch(/p95Ms/);
  });
});
