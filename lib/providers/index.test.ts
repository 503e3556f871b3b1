import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAnthropicUpstream } from "../testing/upstreams/anthropic-upstream";
import type { UpstreamServer } from "../testing/upstreams/http-helpers";
import { startOpenAiUpstream } from "../testing/upstreams/openai-upstream";
import { callProvider, createRng, testConnection, type ProviderTarget } from "./index";

let openai: UpstreamServer;
let anthropic: UpstreamServer;
const request = { messages: [{ role: "user" as const, content: "hi" }] };

beforeAll(async () => {
  openai = await startOpenAiUpstream({ apiKey: "sk", models: ["small-model"] });
  anthropic = await startAnthropicUpstream({ apiKey: "ak", models: ["claude-test"] });
});
afterAll(async () => { await openai.close(); await anthropic.close(); });

const targets = (): ProviderTarget[] => [
  { name: "a", provider: "openai", baseUrl: `${openai.url}/v1`, model: "small-model", apiKey: "sk", timeoutMs: 2000 },
  { name: "b", provider: "anthropic", baseUrl: anthropic.url, model: "claude-test", apiKey: "ak", timeoutMs: 2000 },
  { name: "c", provider: "simulated", model: "sim", timeoutMs: 2000, options: { latency: { kind: "fixed", ms: 1 } } },
];

describe("callProvider", () => {
  it("dispatches by provider kind, streaming and not, with the same result shapes", async () => {
    for (const target of targets()) {
      const result = await callProvider(target, request, { rng: createRng(1) });
      expect(result.response.object).toBe("chat.completion");
      expect(result.answer.content.length).toBeGreaterThan(0);
      const stream = await callProvider(target, request, { stream: true, rng: createRng(1) });
      for await (const chunk of stream.chunks()) expect(chunk.object).toBe("chat.completion.chunk");
      const summary = await stream.summary;
      expect(summary.answer.content).toBe(result.answer.content);
      expect(summary.usage.completionTokens).toBe(result.usage.completionTokens);
    }
  });

  it("rejects unknown provider kinds as a ProviderError", async () => {
    const bad = { ...targets()[0], provider: "cohere" } as unknown as ProviderTarget;
    await expect(callProvider(bad, request)).rejects.toMatchObject({ name: "ProviderError", retryable: false });
  });
});

describe("testConnection", () => {
  it("reports ok with the status, for every provider kind", async () => {
    const results = await Promise.all(targets().map((t) => testConnection(t)));
    for (const r of results) expect(r).toMatchObject({ ok: true, latencyMs: expect.any(Number) });
    expect(results[0]).toMatchObject({ status: 200, message: expect.stringMatching(/HTTP 200/) });
    expect(results[1]).toMatchObject({ status: 200, message: expect.stringMatching(/HTTP 200/) });
    expect(results[2].message).toMatch(/simulated/);
  });

  it("reports a wrong key, a closed port and a slow upstream by status and class, never the upstream's text", async () => {
    const [oa] = targets();
    const refused = await testConnection({ ...oa, apiKey: "nope" });
    expect(refused).toMatchObject({ ok: false, status: 401, errorKind: "http", message: expect.stringMatching(/^http 401.*API key/) });
    expect(refused.message).not.toContain("invalid api key");
    const closed = await startOpenAiUpstream();
    await closed.close();
    expect(await testConnection({ ...oa, baseUrl: closed.url })).toMatchObject({ ok: false, errorKind: "connection", message: expect.stringMatching(/^connection/) });
    openai.setDefaultBehavior("delay=500");
    try {
      expect(await testConnection(oa, 50)).toMatchObject({ ok: false, errorKind: "timeout", message: expect.stringMatching(/^timeout/) });
    } finally {
      openai.setDefaultBehavior(undefined);
    }
  });
});
