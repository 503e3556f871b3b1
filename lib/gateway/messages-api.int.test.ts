import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as messagesRoute } from "../../app/api/v1/messages/route";
import { POST as responsesRoute } from "../../app/api/v1/responses/route";
import { db } from "../db/prisma";
import { flushRequestLog, startGatewayHarness, type Harness } from "../testing/gateway-harness";

// POST /api/v1/messages with the official Anthropic client, against the real gateway and both
// kinds of upstream test server.

let h: Harness;
let key: string;
let client: Anthropic;

beforeAll(async () => {
  h = await startGatewayHarness(({ openai, anthropic }) => ({
    tiers: [
      { name: "fast", provider: "openai", baseUrl: openai, model: "small-model", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "capable", provider: "openai", baseUrl: openai, model: "large-model", inputUsdPerMTok: 10, outputUsdPerMTok: 30 },
      { name: "tooly", provider: "openai", baseUrl: openai, model: "small-model+tool", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "claude", provider: "anthropic", baseUrl: anthropic, model: "claude-test", apiKey: "sk-ant", inputUsdPerMTok: 3, outputUsdPerMTok: 15 },
      { name: "claude-tool", provider: "anthropic", baseUrl: anthropic, model: "claude-test+tool", apiKey: "sk-ant", inputUsdPerMTok: 3, outputUsdPerMTok: 15 },
      { name: "broken", provider: "openai", baseUrl: openai, model: "small-model+status=500", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "droppy", provider: "openai", baseUrl: openai, model: "small-model+tokens=40+dropafter=4", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
    ],
    policies: [
      {
        name: "default",
        tiers: ["fast", "capable"],
        rules: [
          { name: "hours", match: { keywords: ["opening hours"] }, tier: "fast" },
          { name: "disputes", match: { category: "dispute" }, tier: "capable" },
        ],
      },
      { name: "anthropic", tiers: ["claude"] },
      { name: "p-500", tiers: ["broken", "capable"], rules: [{ name: "all", match: { regex: "." }, tier: "broken" }] },
    ],
    defaultPolicy: "default",
  }));
  key = await h.key({ name: "messages" });
  client = new Anthropic({ apiKey: key, baseURL: `${h.url}/api`, maxRetries: 0, timeout: 20_000 });
});

afterAll(async () => h?.close());

const weather = { name: "get_weather", description: "Weather for a city", input_schema: { type: "object" as const, properties: { city: { type: "string" } }, required: ["city"] } };

async function logRow(id: string) {
  await flushRequestLog();
  return db.requestLog.findUniqueOrThrow({ where: { id } });
}

function lastBody(server: Harness["openai"]) {
  return server.requests.at(-1)!.body as Record<string, unknown>;
}

describe("POST /api/v1/messages with @anthropic-ai/sdk", () => {
  it("routes a plain message, answers in Anthropic's shape and logs it as the messages API", async () => {
    const { data, response } = await client.messages
      .create({ model: "frontdesk/auto", max_tokens: 200, system: "Be brief.", metadata: { user_id: "conv-7" }, messages: [{ role: "user", content: "What are your opening hours?" }] })
      .withResponse();
    expect(data).toMatchObject({ type: "message", role: "assistant", model: "small-model", stop_reason: "end_turn", content: [{ type: "text", text: "Hello from the test upstream." }] });
    expect(data.id).toMatch(/^msg_/);
    expect(data.usage.input_tokens).toBeGreaterThan(0);
    expect(data.usage.output_tokens).toBeGreaterThan(0);
    expect(response.headers.get("x-frontdesk-tier")).toBe("fast");
    expect(response.headers.get("x-frontdesk-stage")).toBe("rule");
    expect(lastBody(h.openai)).toMatchObject({ model: "small-model", max_tokens: 200, messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "What are your opening hours?" }] });
    const row = await logRow(response.headers.get("x-frontdesk-decision-id")!);
    expect(row).toMatchObject({ tierName: "fast", status: "ok", sessionKey: "conv-7", stream: false });
    expect(row.api).toBe("messages");
    expect(row.response).toBe("Hello from the test upstream.");
  });

  it("is answered by an Anthropic tier too, system blocks, stop sequences and temperature mapped both ways", async () => {
    const { data, response } = await client.messages
      // (temperature is gone from this SDK's types, not from the API)
      .create({ model: "frontdesk/anthropic", max_tokens: 50, temperature: 0.2, stop_sequences: ["END"], system: [{ type: "text", text: "You are terse." }], messages: [{ role: "user", content: [{ type: "text", text: "Say hello" }] }] } as Anthropic.MessageCreateParamsNonStreaming)
      .withResponse();
    expect(data.content).toEqual([{ type: "text", text: "Hello from the Anthropic test upstream." }]);
    expect(response.headers.get("x-frontdesk-tier")).toBe("claude");
    expect(lastBody(h.anthropic)).toMatchObject({ model: "claude-test", max_tokens: 50, temperature: 0.2, stop_sequences: ["END"], system: "You are terse.", messages: [{ role: "user", content: [{ type: "text", text: "Say hello" }] }] });
  });

  it("answers with a tool_use block from an OpenAI-compatible tier, and an Anthropic one", async () => {
    for (const tier of ["tooly", "claude-tool"]) {
      const data = await client.messages.create({ model: tier, max_tokens: 100, tools: [weather], tool_choice: { type: "auto" }, messages: [{ role: "user", content: "Weather in Paris?" }] });
      expect(data.stop_reason).toBe("tool_use");
      const use = data.content.find((b) => b.type === "tool_use");
      expect(use).toMatchObject({ type: "tool_use", name: "get_weather" });
      expect(typeof (use as { input: unknown }).input).toBe("object");
    }
    expect(lastBody(h.openai)).toMatchObject({ tools: [{ type: "function", function: { name: "get_weather", parameters: weather.input_schema } }], tool_choice: "auto" });
  });

  it("carries a tool_result turn to the upstream as a tool message", async () => {
    const data = await client.messages.create({
      model: "fast",
      max_tokens: 100,
      tools: [weather],
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: [{ type: "text", text: "Let me check." }, { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "18°C, sunny" }, { type: "text", text: "Thanks!" }] },
      ],
    });
    expect(data.content[0]).toMatchObject({ type: "text", text: "Hello from the test upstream." });
    expect(lastBody(h.openai).messages).toEqual([
      { role: "user", content: "Weather in Paris?" },
      { role: "assistant", content: "Let me check.", tool_calls: [{ id: "toolu_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
      { role: "tool", tool_call_id: "toolu_1", content: "18°C, sunny" },
      { role: "user", content: [{ type: "text", text: "Thanks!" }] },
    ]);
    // and back to Anthropic's shape on an Anthropic tier
    await client.messages.create({ model: "claude", max_tokens: 100, messages: [
      { role: "user", content: "Weather?" },
      { role: "assistant", content: [{ type: "tool_use", id: "toolu_2", name: "get_weather", input: { city: "Oslo" } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_2", content: "2°C" }] },
    ] });
    expect((lastBody(h.anthropic).messages as unknown[])[2]).toEqual({ role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_2", content: "2°C" }] });
  });

  it("streams text with messages.stream from either kind of tier, with stop_reason and usage", async () => {
    for (const model of ["frontdesk/auto", "claude"]) {
      const stream = client.messages.stream({ model, max_tokens: 100, messages: [{ role: "user", content: "What are your opening hours?" }] });
      let text = "";
      stream.on("text", (delta) => (text += delta));
      const message = await stream.finalMessage();
      expect(text).toBe(model === "claude" ? "Hello from the Anthropic test upstream." : "Hello from the test upstream.");
      expect(message.content).toHaveLength(1);
      expect(message.content[0]).toMatchObject({ type: "text", text });
      expect(message.stop_reason).toBe("end_turn");
      expect(message.usage.output_tokens).toBeGreaterThan(0);
      expect(message.usage.input_tokens).toBeGreaterThan(0);
    }
  });

  it("streams a tool_use block with its input", async () => {
    for (const model of ["tooly", "claude-tool"]) {
      const { data: stream, response } = await client.messages.stream({ model, max_tokens: 100, tools: [weather], messages: [{ role: "user", content: "Weather in Paris?" }] }).withResponse();
      const message = await stream.finalMessage();
      expect(message.stop_reason).toBe("tool_use");
      expect(message.content.find((b) => b.type === "tool_use")).toMatchObject({ type: "tool_use", name: "get_weather", input: expect.any(Object) });
      const row = await logRow(response.headers.get("x-frontdesk-decision-id")!);
      expect(row).toMatchObject({ tierName: model, stream: true, status: "ok" });
      expect(row.api).toBe("messages");
    }
  });

  it("routes by the x-frontdesk-category header, falls back like chat, and reports a stream broken mid-way", async () => {
    const { response } = await client.messages.create({ model: "frontdesk/auto", max_tokens: 20, messages: [{ role: "user", content: "My card was charged twice" }] }, { headers: { "x-frontdesk-category": "dispute" } }).withResponse();
    expect(response.headers.get("x-frontdesk-tier")).toBe("capable");
    expect(response.headers.get("x-frontdesk-stage")).toBe("rule");
    const fellBack = await client.messages.create({ model: "frontdesk/p-500", max_tokens: 20, messages: [{ role: "user", content: "hi" }] }).withResponse();
    expect(fellBack.response.headers.get("x-frontdesk-tier")).toBe("capable");
    expect(fellBack.response.headers.get("x-frontdesk-stage")).toBe("fallback");
    expect(fellBack.data.content[0]).toMatchObject({ type: "text" });
    const stream = client.messages.stream({ model: "droppy", max_tokens: 100, messages: [{ role: "user", content: "Tell me a long story" }] });
    await expect(stream.finalMessage()).rejects.toThrow(/upstream stream broke/);
  });

  it("answers 429 over the key's rate limit in Anthropic's shape", async () => {
    const limited = new Anthropic({ apiKey: await h.key({ name: "limited", rateLimitPerMinute: 1 }), baseURL: `${h.url}/api`, maxRetries: 0 });
    await limited.messages.create({ model: "fast", max_tokens: 5, messages: [{ role: "user", content: "hi" }] });
    const error = await limited.messages.create({ model: "fast", max_tokens: 5, messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect((error as InstanceType<typeof Anthropic.RateLimitError>).error).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
  });

  it("accepts the key as Authorization: Bearer too", async () => {
    const bearer = new Anthropic({ authToken: key, apiKey: null, baseURL: `${h.url}/api`, maxRetries: 0 });
    const data = await bearer.messages.create({ model: "fast", max_tokens: 10, messages: [{ role: "user", content: "hi" }] });
    expect(data.type).toBe("message");
  });

  it("refuses bad input with Anthropic's error shape and status", async () => {
    const bad = async (body: Record<string, unknown>, c: Anthropic = client) => {
      try {
        await c.messages.create(body as never);
      } catch (error) {
        return error as InstanceType<typeof Anthropic.APIError>;
      }
      throw new Error("expected an error");
    };
    const noMax = await bad({ model: "frontdesk/auto", messages: [{ role: "user", content: "hi" }] });
    expect(noMax).toBeInstanceOf(Anthropic.BadRequestError);
    expect(noMax.error).toMatchObject({ type: "error", error: { type: "invalid_request_error", message: expect.stringContaining("max_tokens") } });
    const badBlock = await bad({ model: "fast", max_tokens: 5, messages: [{ role: "user", content: [{ type: "document", source: {} }] }] });
    expect(badBlock.status).toBe(400);
    expect(badBlock.message).toContain("messages.0.content.0");
    const extra = await bad({ model: "fast", max_tokens: 5, container: "x", messages: [{ role: "user", content: "hi" }] });
    expect(extra.status).toBe(400);
    const unknownModel = await bad({ model: "frontdesk/nope", max_tokens: 5, messages: [{ role: "user", content: "hi" }] });
    expect(unknownModel).toBeInstanceOf(Anthropic.NotFoundError);
    expect(unknownModel.error).toMatchObject({ type: "error", error: { type: "not_found_error" } });
    const badKey = await bad({ model: "fast", max_tokens: 5, messages: [{ role: "user", content: "hi" }] }, new Anthropic({ apiKey: "fd_wrong", baseURL: `${h.url}/api`, maxRetries: 0 }));
    expect(badKey).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(badKey.error).toMatchObject({ type: "error", error: { type: "authentication_error" } });
  });
});

describe("what Anthropic clients ask besides messages", () => {
  it("counts a prompt's tokens with messages.countTokens, as the tier the model names counts them, without routing or logging", async () => {
    const counting = new Anthropic({ apiKey: await h.key({ name: "count-tokens" }), baseURL: `${h.url}/api`, maxRetries: 0 });
    const keyId = (await db.apiKey.findFirstOrThrow({ where: { name: "count-tokens" } })).id;
    const messages = [{ role: "user" as const, content: "What is the weather in Paris today? Answer in one word." }];
    const counted = await counting.messages.countTokens({ model: "capable", system: "Be brief.", messages, tools: [weather] });
    const { countMessageTokens } = await import("../providers/count-tokens");
    const expected = countMessageTokens(["Be brief.", messages[0]!.content, JSON.stringify([weather])], "large-model").tokens;
    expect(counted.input_tokens).toBe(expected);
    // frontdesk/auto counts as the policy's cheapest tier; a longer prompt counts more
    const auto = await counting.messages.countTokens({ model: "frontdesk/auto", messages: [{ role: "user", content: "hi ".repeat(300) }] });
    expect(auto.input_tokens).toBeGreaterThan(300);
    const raw = await counting.messages.countTokens({ model: "frontdesk/auto", messages }).withResponse();
    expect(raw.response.headers.get("x-frontdesk-tier")).toBe("fast");
    expect(raw.response.headers.get("x-frontdesk-encoding")).toBe("cl100k_base");
    await flushRequestLog();
    expect(await db.requestLog.count({ where: { apiKeyId: keyId } })).toBe(0);
    // bad input and unknown models as messages.create refuses them
    const unknown = await client.messages.countTokens({ model: "frontdesk/nope", messages }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(Anthropic.NotFoundError);
    const empty = await client.messages.countTokens({ model: "fast", messages: [] }).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(Anthropic.BadRequestError);
    const anonymous = await new Anthropic({ apiKey: "fd_wrong", baseURL: `${h.url}/api`, maxRetries: 0 }).messages.countTokens({ model: "fast", messages }).catch((e: unknown) => e);
    expect(anonymous).toBeInstanceOf(Anthropic.AuthenticationError);
    // the key's rate limit counts these calls too
    const limited = new Anthropic({ apiKey: await h.key({ name: "count-limited", rateLimitPerMinute: 1 }), baseURL: `${h.url}/api`, maxRetries: 0 });
    await limited.messages.countTokens({ model: "fast", messages });
    expect(await limited.messages.countTokens({ model: "fast", messages }).catch((e: unknown) => e)).toBeInstanceOf(Anthropic.RateLimitError);
  });

  it("lists the models in Anthropic's shape with models.list", async () => {
    const page = await client.models.list();
    const ids = page.data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(["frontdesk/auto", "frontdesk/default", "fast", "capable", "claude"]));
    expect(page.data[0]).toMatchObject({ type: "model", display_name: "frontdesk/auto", created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    // OpenAI clients still get OpenAI's list shape
    const openAiShape = (await (await fetch(`${h.url}/api/v1/models`, { headers: { authorization: `Bearer ${key}` } })).json()) as { object: string };
    expect(openAiShape.object).toBe("list");
  });
});

describe("both new endpoints share the body checks and the Next.js route handlers", () => {
  const messages = (extra: string) => `{"model":"fast","max_tokens":5,"messages":[{"role":"user","content":"hi"${extra}}]}`;
  const responses = (extra: string) => `{"model":"fast","input":[{"role":"user","content":"hi"${extra}}]}`;
  const FORBIDDEN: Array<[string, string, string]> = [
    ["/api/v1/messages", "__proto__ in a message", messages(',"__proto__":{"x":1}')],
    ["/api/v1/messages", "lone surrogate", messages(',"x":"\\ud800"')],
    ["/api/v1/responses", "constructor in an item", responses(',"constructor":{}')],
    ["/api/v1/responses", "lone surrogate", responses(',"x":"\\udc00"')],
    ["/api/v1/messages", "not JSON", "{"],
    ["/api/v1/responses", "not JSON", "{"],
  ];

  it("refuses unsafe bodies before anything reaches an upstream or the log", async () => {
    await flushRequestLog();
    const upstream = h.openai.requests.length;
    const rows = await db.requestLog.count();
    for (const [path, name, body] of FORBIDDEN) {
      const res = await fetch(`${h.url}${path}`, { method: "POST", headers: { "x-api-key": key, "content-type": "application/json" }, body });
      expect(res.status, `${path} ${name}`).toBe(400);
      const json = await res.json();
      if (path.endsWith("messages")) expect(json, name).toMatchObject({ type: "error", error: { type: "invalid_request_error", message: expect.any(String) } });
      else expect(json.error, name).toMatchObject({ type: "invalid_request_error", message: expect.any(String) });
    }
    await flushRequestLog();
    expect(h.openai.requests.length).toBe(upstream);
    expect(await db.requestLog.count()).toBe(rows);
  });

  it("answers through the Next.js route handlers as through the fast path", async () => {
    const post = (body: object) => new Request("http://localhost/api/v1/x", { method: "POST", headers: { "x-api-key": key, "content-type": "application/json" }, body: JSON.stringify(body) });
    const m = await messagesRoute(post({ model: "fast", max_tokens: 20, messages: [{ role: "user", content: "hi" }] }));
    expect(m.status).toBe(200);
    expect(await m.json()).toMatchObject({ type: "message", content: [{ type: "text", text: "Hello from the test upstream." }] });
    const r = await responsesRoute(post({ model: "fast", input: "hi", stream: true }));
    expect(r.headers.get("content-type")).toMatch(/text\/event-stream/);
    expect(await r.text()).toContain("event: response.completed");
    const bad = await messagesRoute(post({ model: "fast", messages: [{ role: "user", content: "hi" }] }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
  });
});
