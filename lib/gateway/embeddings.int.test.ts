import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type OpenAI from "openai";
import { db } from "../db/prisma";
import { flushRequestLog, startGatewayHarness, type Harness } from "../testing/gateway-harness";

// POST /api/v1/embeddings through the real gateway with the official client: an embeddings tier
// named by `model` (no routing), forwarded to a loopback OpenAI-compatible upstream's /embeddings
// or answered by the simulated provider; costed, logged, budgeted and rate limited like chat.

let h: Harness;
let client: OpenAI;
const PRICE = 100; // USD per 1M input tokens: a visible cost for 4 tokens

const config = (openai: string, extra: { policies?: unknown[]; tiers?: unknown[] } = {}) => ({
  tiers: [
    { name: "chat", provider: "openai", baseUrl: openai, model: "chat-model", inputUsdPerMTok: 1, outputUsdPerMTok: 1 },
    { name: "embed", kind: "embeddings", provider: "openai", baseUrl: openai, model: "embed-model", inputUsdPerMTok: PRICE },
    { name: "sim-embed", kind: "embeddings", provider: "simulated", model: "sim-embed-model", inputUsdPerMTok: 0.02 },
    { name: "broken-embed", kind: "embeddings", provider: "openai", baseUrl: openai, model: "broken+status=500", inputUsdPerMTok: 1 },
    ...(extra.tiers ?? []),
  ],
  policies: [{ name: "default", tiers: ["chat"] }, ...(extra.policies ?? [])],
  defaultPolicy: "default",
});

let openaiUrl = "";
beforeAll(async () => {
  h = await startGatewayHarness(({ openai }) => {
    openaiUrl = openai;
    return config(openai);
  });
  client = h.client(await h.key({ name: "embeddings" }));
});

afterAll(async () => h?.close());

async function logRow(id: string) {
  await flushRequestLog();
  return db.requestLog.findUniqueOrThrow({ where: { id } });
}

describe("POST /api/v1/embeddings", () => {
  it("forwards to the tier's OpenAI-compatible /embeddings and records cost, stage and API", async () => {
    const since = h.openai.requests.length;
    const { data, response } = await client.embeddings.create({ model: "embed", input: ["hello", "world!"] }).withResponse();
    expect(data.data.map((d) => d.embedding.slice(0, 2))).toEqual([[1, 5], [2, 6]]); // the client decoded base64
    expect(data.usage.prompt_tokens).toBe(4);
    expect(response.headers.get("x-frontdesk-tier")).toBe("embed");
    expect(response.headers.get("x-frontdesk-stage")).toBe("bypass");
    const sent = h.openai.requests.slice(since);
    expect(sent.map((r) => [r.path, (r.body as { model: string }).model])).toEqual([["/v1/embeddings", "embed-model"]]);
    expect((sent[0]!.body as { input: string[] }).input).toEqual(["hello", "world!"]);
    const row = await logRow(response.headers.get("x-frontdesk-decision-id")!);
    expect(row).toMatchObject({ api: "embeddings", stage: "bypass", tierName: "embed", model: "embed-model", status: "ok", promptTokens: 4, completionTokens: 0, prompt: "hello\n\nworld!" });
    expect(row.costUsd).toBeCloseTo((4 * PRICE) / 1e6, 12);
  });

  it("passes float vectors and dimensions through", async () => {
    const res = await client.embeddings.create({ model: "embed", input: "one", encoding_format: "float", dimensions: 3 });
    expect(res.data[0]!.embedding).toEqual([1, 3, 0.5]);
  });

  it("the simulated provider answers deterministic unit vectors", async () => {
    const a = await client.embeddings.create({ model: "sim-embed", input: ["same text", "other text"] });
    const b = await client.embeddings.create({ model: "sim-embed", input: "same text", encoding_format: "float" });
    expect(a.data[0]!.embedding).toHaveLength(256);
    expect(Math.hypot(...a.data[0]!.embedding)).toBeCloseTo(1, 5);
    b.data[0]!.embedding.forEach((v, i) => expect(v).toBeCloseTo(a.data[0]!.embedding[i]!, 6)); // float32 on the base64 path
    expect(a.data[1]!.embedding).not.toEqual(a.data[0]!.embedding);
  });

  it("refuses a chat tier or policy as the model, and an embeddings tier on chat completions", async () => {
    await expect(client.embeddings.create({ model: "chat", input: "x" })).rejects.toMatchObject({ status: 404, code: "model_not_found" });
    await expect(client.embeddings.create({ model: "frontdesk/auto", input: "x" })).rejects.toMatchObject({ status: 404 });
    await expect(client.chat.completions.create({ model: "embed", messages: [{ role: "user", content: "hi" }] })).rejects.toMatchObject({ status: 404, code: "model_not_found" });
    await expect(h.client("fd_nope").embeddings.create({ model: "embed", input: "x" })).rejects.toMatchObject({ status: 401 });
    await expect(client.embeddings.create({ model: "embed", input: [] as string[] })).rejects.toMatchObject({ status: 400, code: "invalid_request" });
    const unknownField = await client.embeddings.create({ model: "embed", input: "x", top_k: 3 } as never).catch((e: unknown) => e);
    expect(unknownField).toMatchObject({ status: 400 });
    expect((unknownField as Error).message).toContain("top_k");
  });

  it("counts against the key's budget and rate limit", async () => {
    const capped = h.client(await h.key({ name: "embed-budget", monthlyBudgetUsd: 0.0001 }));
    await capped.embeddings.create({ model: "embed", input: ["a", "b"] }); // 0.0004 USD: over the cap afterwards
    await expect(capped.embeddings.create({ model: "embed", input: "c" })).rejects.toMatchObject({ status: 429, code: "budget_exceeded" });
    const limited = h.client(await h.key({ name: "embed-rate", rateLimitPerMinute: 1 }));
    await limited.embeddings.create({ model: "sim-embed", input: "a" });
    await expect(limited.embeddings.create({ model: "sim-embed", input: "b" })).rejects.toMatchObject({ status: 429, code: "rate_limit_exceeded" });
  });

  it("an upstream failure is an OpenAI-shaped error, logged; repeated failures open the tier's circuit (503)", async () => {
    const first = await client.embeddings.create({ model: "broken-embed", input: "x" }).withResponse().catch((e: unknown) => e);
    expect(first).toMatchObject({ status: 502, code: "upstream_error" });
    const id = (first as { headers: Headers }).headers.get("x-frontdesk-decision-id")!;
    expect(await logRow(id)).toMatchObject({ api: "embeddings", status: "error", httpStatus: 502, costUsd: 0 });
    let status = 502;
    for (let i = 0; i < 20 && status === 502; i++) status = ((await client.embeddings.create({ model: "broken-embed", input: "x" }).catch((e: unknown) => e)) as { status: number }).status;
    expect(status).toBe(503);
  });

  it("lists embeddings tiers in /models", async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(expect.arrayContaining(["embed", "sim-embed"]));
  });

  it("config validation: no embeddings tier in a chat policy, no Anthropic embeddings tier", async () => {
    await expect(h.apply(config(openaiUrl, { policies: [{ name: "mixed", tiers: ["chat", "embed"] }] }))).rejects.toThrow(/policies\[1\]\.tiers\[1\]: tier "embed" is an embeddings tier/);
    await expect(h.apply(config(openaiUrl, { tiers: [{ name: "claude-embed", kind: "embeddings", provider: "anthropic", baseUrl: "http://127.0.0.1:9", model: "c" }] }))).rejects.toThrow(/kind: Anthropic has no embeddings API/);
  });
});
