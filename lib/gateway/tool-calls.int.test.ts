import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type OpenAI from "openai";
import { db } from "../db/prisma";
import { flushRequestLog, startGatewayHarness, type Harness } from "../testing/gateway-harness";

// Agent traffic through the real gateway and real loopback upstreams: a cheap tier's tool call
// is judged on its own merits (declared tool, JSON arguments that fit the schema), on the JSON
// and the streaming path; a malformed one escalates to the next tier, the attempt saying why.

let h: Harness;
let client: OpenAI;
const all = (tier: string) => [{ name: "all", match: { regex: "." }, tier }];
const escalation = { enabled: true, maxSteps: 1 };
const args = (json: object) => `+toolargs=${encodeURIComponent(JSON.stringify(json))}`;

beforeAll(async () => {
  h = await startGatewayHarness(({ openai }) => ({
    tiers: [
      { name: "cheap", provider: "openai", baseUrl: openai, model: `cheap-model${args({ city: "Paris" })}`, inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.1 },
      { name: "cheap-parallel", provider: "openai", baseUrl: openai, model: `cheap-model+alltools${args({ city: "Paris" })}`, inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.1 },
      { name: "cheap-badname", provider: "openai", baseUrl: openai, model: "cheap-model+badtool", inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.1 },
      { name: "cheap-badargs", provider: "openai", baseUrl: openai, model: "cheap-model+badtool=args", inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.1 },
      { name: "cheap-text", provider: "openai", baseUrl: openai, model: "cheap-model+reply=It%20is%2018%C2%B0C.", inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.1 },
      { name: "big", provider: "openai", baseUrl: openai, model: `big-model${args({ city: "Paris" })}`, inputUsdPerMTok: 10, outputUsdPerMTok: 10 },
      { name: "cheap-notools", provider: "openai", baseUrl: openai, model: `cheap-model${args({ city: "Paris" })}`, inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.1, capabilities: { tools: false } },
      { name: "big-novision", provider: "openai", baseUrl: openai, model: `big-model${args({ city: "Paris" })}`, inputUsdPerMTok: 10, outputUsdPerMTok: 10, capabilities: { vision: false } },
      { name: "short-window", provider: "openai", baseUrl: openai, model: "gpt-4o-mini", inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.1, capabilities: { contextTokens: 300 } },
    ],
    policies: [
      { name: "agents", tiers: ["cheap", "big"], rules: all("cheap"), escalation },
      { name: "parallel", tiers: ["cheap-parallel", "big"], rules: all("cheap-parallel"), escalation },
      { name: "badname", tiers: ["cheap-badname", "big"], rules: all("cheap-badname"), escalation },
      { name: "badargs", tiers: ["cheap-badargs", "big"], rules: all("cheap-badargs"), escalation },
      { name: "text", tiers: ["cheap-text", "big"], rules: all("cheap-text"), escalation },
      { name: "capable", tiers: ["cheap-notools", "big-novision"], rules: all("cheap-notools"), escalation },
      { name: "window", tiers: ["short-window", "big"], rules: all("short-window"), escalation },
    ],
    defaultPolicy: "agents",
  }));
  client = h.client(await h.key({ name: "agents" }));
});

afterAll(async () => h?.close());

const weather = (cityType = "string"): OpenAI.ChatCompletionTool => ({
  type: "function",
  function: {
    name: "get_weather",
    parameters: { type: "object", properties: { city: { type: cityType } }, required: ["city"], additionalProperties: false },
  },
});
const clock: OpenAI.ChatCompletionTool = { type: "function", function: { name: "get_time", parameters: { type: "object", properties: { city: { type: "string" } } } } };
const ask: OpenAI.ChatCompletionMessageParam[] = [{ role: "user", content: "What's the weather in Paris?" }];
const upstreamModels = (since: number) => h.openai.requests.slice(since).map((r) => (r.body as { model: string }).model.split("+")[0]);

async function attemptsOf(decisionId: string) {
  await flushRequestLog();
  const row = await db.requestLog.findUniqueOrThrow({ where: { id: decisionId } });
  return (row.latency as { attempts: Array<{ tier: string; outcome: string; signals?: string[] }> }).attempts;
}

async function streamed(model: string, tools: OpenAI.ChatCompletionTool[], extra: Partial<OpenAI.ChatCompletionCreateParamsStreaming> = {}) {
  const { data, response } = await client.chat.completions.create({ model, stream: true, messages: ask, tools, ...extra }).withResponse();
  const calls: Array<{ name: string; arguments: string }> = [];
  let finish: string | null = null;
  for await (const chunk of data) {
    for (const d of chunk.choices[0]?.delta?.tool_calls ?? []) {
      calls[d.index] ??= { name: "", arguments: "" };
      calls[d.index]!.name += d.function?.name ?? "";
      calls[d.index]!.arguments += d.function?.arguments ?? "";
    }
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  return { calls, finish, headers: response.headers };
}

describe("tool calls through the gateway", () => {
  it("a cheap tier's well-formed tool call is its answer (JSON): one upstream call", async () => {
    const since = h.openai.requests.length;
    const { data, response } = await client.chat.completions.create({ model: "frontdesk/agents", messages: ask, tools: [weather()], tool_choice: "auto" }).withResponse();
    expect(response.headers.get("x-frontdesk-tier")).toBe("cheap");
    const call = data.choices[0]!.message.tool_calls![0]! as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.function).toEqual({ name: "get_weather", arguments: '{"city":"Paris"}' });
    expect(data.choices[0]!.finish_reason).toBe("tool_calls");
    expect(upstreamModels(since)).toEqual(["cheap-model"]);
    expect(await attemptsOf(response.headers.get("x-frontdesk-decision-id")!)).toEqual([expect.objectContaining({ tier: "cheap", outcome: "ok", signals: ["tool-calls-valid"] })]);
  });

  it("and streamed: the deltas reach the client whole, still one upstream call", async () => {
    const since = h.openai.requests.length;
    const s = await streamed("frontdesk/agents", [weather()]);
    expect(s.headers.get("x-frontdesk-tier")).toBe("cheap");
    expect(s.calls).toEqual([{ name: "get_weather", arguments: '{"city":"Paris"}' }]);
    expect(s.finish).toBe("tool_calls");
    expect(upstreamModels(since)).toEqual(["cheap-model"]);
  });

  it("parallel calls, all valid, stay on the cheap tier; tool_choice naming one of them is honoured", async () => {
    const { data, response } = await client.chat.completions.create({ model: "frontdesk/parallel", messages: ask, tools: [weather(), clock] }).withResponse();
    expect(response.headers.get("x-frontdesk-tier")).toBe("cheap-parallel");
    expect(data.choices[0]!.message.tool_calls).toHaveLength(2);
    // the cheap tier calls both tools though tool_choice names one: that escalates
    const named = await client.chat.completions.create({ model: "frontdesk/parallel", messages: ask, tools: [weather(), clock], tool_choice: { type: "function", function: { name: "get_weather" } } }).withResponse();
    expect(named.response.headers.get("x-frontdesk-tier")).toBe("big");
    const [first] = await attemptsOf(named.response.headers.get("x-frontdesk-decision-id")!);
    expect(first!.signals).toEqual(["tool-call: get_time called, tool_choice names get_weather"]);
  });

  it("arguments that do not fit the request's schema escalate, JSON and streamed", async () => {
    const since = h.openai.requests.length;
    const { response } = await client.chat.completions.create({ model: "frontdesk/agents", messages: ask, tools: [weather("integer")] }).withResponse();
    expect(response.headers.get("x-frontdesk-tier")).toBe("big");
    expect(response.headers.get("x-frontdesk-stage")).toBe("escalation");
    const [first, second] = await attemptsOf(response.headers.get("x-frontdesk-decision-id")!);
    expect(first).toMatchObject({ tier: "cheap", outcome: "low-confidence" });
    expect(first!.signals![0]).toMatch(/^tool-call: get_weather arguments do not fit the schema: #\/city /);
    expect(second).toMatchObject({ tier: "big", outcome: "ok" });
    const s = await streamed("frontdesk/agents", [weather("integer")]);
    expect(s.headers.get("x-frontdesk-tier")).toBe("big");
    expect(s.calls).toEqual([{ name: "get_weather", arguments: '{"city":"Paris"}' }]);
    expect(upstreamModels(since)).toEqual(["cheap-model", "big-model", "cheap-model", "big-model"]);
  });

  it("an unknown tool name or arguments that are not JSON escalate, JSON and streamed", async () => {
    for (const [policy, signal] of [["badname", "tool-call: unknown tool no_such_tool"], ["badargs", "tool-call: get_weather arguments are not JSON"]] as const) {
      const { data, response } = await client.chat.completions.create({ model: `frontdesk/${policy}`, messages: ask, tools: [weather()] }).withResponse();
      expect(response.headers.get("x-frontdesk-tier")).toBe("big");
      expect((data.choices[0]!.message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall).function.name).toBe("get_weather");
      const [first] = await attemptsOf(response.headers.get("x-frontdesk-decision-id")!);
      expect(first!.signals).toEqual([signal]);
      const s = await streamed(`frontdesk/${policy}`, [weather()]);
      expect(s.headers.get("x-frontdesk-tier")).toBe("big");
      expect(s.calls).toEqual([{ name: "get_weather", arguments: '{"city":"Paris"}' }]);
    }
  });

  it("the turn after a tool result is answered as text by the cheap tier, JSON and streamed", async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      ...ask,
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
      { role: "tool", tool_call_id: "call_1", content: '{"celsius":18}' },
    ];
    const { data, response } = await client.chat.completions.create({ model: "frontdesk/text", messages, tools: [weather()] }).withResponse();
    expect(response.headers.get("x-frontdesk-tier")).toBe("cheap-text");
    expect(data.choices[0]!.message.content).toBe("It is 18°C.");
    const stream = await client.chat.completions.create({ model: "frontdesk/text", messages, tools: [weather()], stream: true }).withResponse();
    let text = "";
    for await (const chunk of stream.data) text += chunk.choices[0]?.delta?.content ?? "";
    expect(stream.response.headers.get("x-frontdesk-tier")).toBe("cheap-text");
    expect(text).toBe("It is 18°C.");
    // the log keeps the tool call and the result it answers, for the console's request page
    await flushRequestLog();
    const row = await db.requestLog.findUniqueOrThrow({ where: { id: response.headers.get("x-frontdesk-decision-id")! } });
    expect(row.prompt).toContain('assistant: [tool call call_1] get_weather({"city":"Paris"})\n\ntool: {"celsius":18}\n[tool result call_1]');
  });

  it("logs a tool-call answer as its calls", async () => {
    const { response } = await client.chat.completions.create({ model: "frontdesk/agents", messages: ask, tools: [weather()] }).withResponse();
    await flushRequestLog();
    const row = await db.requestLog.findUniqueOrThrow({ where: { id: response.headers.get("x-frontdesk-decision-id")! } });
    expect(row.response).toMatch(/^\[tool call [^\]]+\] get_weather\(\{"city":"Paris"\}\)$/);
  });
});

describe("capabilities per tier", () => {
  it("a cheap tier without tools never sees tool requests: the rule's pick gives way to the capable tier", async () => {
    const since = h.openai.requests.length;
    const { data, response } = await client.chat.completions.create({ model: "frontdesk/capable", messages: ask, tools: [weather()] }).withResponse();
    expect(response.headers.get("x-frontdesk-tier")).toBe("big-novision");
    expect((data.choices[0]!.message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall).function.name).toBe("get_weather");
    expect(upstreamModels(since)).toEqual(["big-model"]);
    const s = await streamed("frontdesk/capable", [weather()]);
    expect(s.headers.get("x-frontdesk-tier")).toBe("big-novision");
    await flushRequestLog();
    const row = await db.requestLog.findUniqueOrThrow({ where: { id: response.headers.get("x-frontdesk-decision-id")! } });
    expect(JSON.stringify(row)).toContain("left out cheap-notools (no tools)");
    // without tools the rule's cheap tier answers
    const plain = await client.chat.completions.create({ model: "frontdesk/capable", messages: ask }).withResponse();
    expect(plain.response.headers.get("x-frontdesk-tier")).toBe("cheap-notools");
  });

  it("no capable tier: 400 no_capable_tier in OpenAI's shape, nothing sent upstream", async () => {
    const since = h.openai.requests.length;
    const image: OpenAI.ChatCompletionMessageParam[] = [{ role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } }] }];
    const error = await client.chat.completions.create({ model: "frontdesk/capable", messages: image }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ status: 400, code: "no_capable_tier" });
    expect((error as Error).message).toContain("cheap-notools (no vision), big-novision (no vision)");
    const bypass = await client.chat.completions.create({ model: "cheap-notools", messages: ask, tools: [weather()] }).catch((e: unknown) => e);
    expect(bypass).toMatchObject({ status: 400, code: "no_capable_tier" });
    expect(h.openai.requests.length).toBe(since);
  });
});

describe("context windows, counted with the real tokenizer near the limit", () => {
  it("leaves out a tier whose window the prompt overflows though the characters-per-token estimate says it fits", async () => {
    // 240 Japanese characters: the estimate says ~60 tokens; o200k_base counts ~180, over 300 with the output asked for
    const japanese = "東京の天気はどうですか。明日は雨が降りますか。".repeat(10).slice(0, 240);
    const long = await client.chat.completions.create({ model: "frontdesk/window", max_tokens: 150, messages: [{ role: "user", content: japanese }] }).withResponse();
    expect(long.response.headers.get("x-frontdesk-tier")).toBe("big");
    await flushRequestLog();
    const row = await db.requestLog.findUniqueOrThrow({ where: { id: long.response.headers.get("x-frontdesk-decision-id")! } });
    expect(JSON.stringify(row.decision)).toMatch(/left out short-window \(\d+ \(o200k_base\) prompt \+ 150 output tokens > contextTokens 300\)/);
    // the same length in English counts about as estimated, and fits
    const english = await client.chat.completions.create({ model: "frontdesk/window", max_tokens: 150, messages: [{ role: "user", content: "How is the weather in Tokyo? ".repeat(8) }] }).withResponse();
    expect(english.response.headers.get("x-frontdesk-tier")).toBe("short-window");
  });
});
