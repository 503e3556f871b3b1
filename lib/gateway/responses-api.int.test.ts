import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/prisma";
import { flushRequestLog, startGatewayHarness, type Harness } from "../testing/gateway-harness";

// POST /api/v1/responses with the official openai client, against the real gateway and both kinds
// of upstream test server.

let h: Harness;
let client: OpenAI;

beforeAll(async () => {
  h = await startGatewayHarness(({ openai, anthropic }) => ({
    tiers: [
      { name: "fast", provider: "openai", baseUrl: openai, model: "small-model", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "capable", provider: "openai", baseUrl: openai, model: "large-model", inputUsdPerMTok: 10, outputUsdPerMTok: 30 },
      { name: "tooly", provider: "openai", baseUrl: openai, model: "small-model+tool", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "claude", provider: "anthropic", baseUrl: anthropic, model: "claude-test", apiKey: "sk-ant", inputUsdPerMTok: 3, outputUsdPerMTok: 15 },
      { name: "claude-tool", provider: "anthropic", baseUrl: anthropic, model: "claude-test+tool", apiKey: "sk-ant", inputUsdPerMTok: 3, outputUsdPerMTok: 15 },
      { name: "broken", provider: "openai", baseUrl: openai, model: "small-model+status=500", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
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
      { name: "p-500", tiers: ["broken", "capable"], rules: [{ name: "all", match: { regex: "." }, tier: "broken" }] },
    ],
    defaultPolicy: "default",
  }));
  client = h.client(await h.key({ name: "responses" }));
});

afterAll(async () => h?.close());

const weather: OpenAI.Responses.FunctionTool = { type: "function", name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] }, strict: false };

async function logRow(id: string) {
  await flushRequestLog();
  return db.requestLog.findUniqueOrThrow({ where: { id } });
}

const lastBody = (server: Harness["openai"]) => server.requests.at(-1)!.body as Record<string, unknown>;

async function events(params: OpenAI.Responses.ResponseCreateParamsStreaming) {
  const { data: stream, response } = await client.responses.create(params).withResponse();
  const all: OpenAI.Responses.ResponseStreamEvent[] = [];
  for await (const event of stream) all.push(event);
  return { all, decisionId: response.headers.get("x-frontdesk-decision-id")!, tier: response.headers.get("x-frontdesk-tier") };
}

describe("POST /api/v1/responses with the openai client", () => {
  it("routes a string input with instructions, answers a response object and logs it as the responses API", async () => {
    const { data, response } = await client.responses.create({ model: "frontdesk/auto", instructions: "Be brief.", input: "What are your opening hours?", max_output_tokens: 100, user: "conv-9" }).withResponse();
    expect(data).toMatchObject({ object: "response", status: "completed", model: "small-model", output_text: "Hello from the test upstream.", store: false });
    expect(data.output).toEqual([expect.objectContaining({ type: "message", role: "assistant", status: "completed", content: [expect.objectContaining({ type: "output_text", text: "Hello from the test upstream." })] })]);
    expect(data.id).toMatch(/^resp_/);
    expect(data.usage?.input_tokens).toBeGreaterThan(0);
    expect(data.usage?.total_tokens).toBe(data.usage!.input_tokens + data.usage!.output_tokens);
    expect(response.headers.get("x-frontdesk-tier")).toBe("fast");
    expect(lastBody(h.openai)).toMatchObject({ model: "small-model", max_tokens: 100, messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "What are your opening hours?" }] });
    const row = await logRow(response.headers.get("x-frontdesk-decision-id")!);
    expect(row).toMatchObject({ tierName: "fast", status: "ok", sessionKey: "conv-9", stream: false });
    expect(row.api).toBe("responses");
  });

  it("answers with function_call items from either kind of tier", async () => {
    for (const model of ["tooly", "claude-tool"]) {
      const data = await client.responses.create({ model, input: "Weather in Paris?", tools: [weather], tool_choice: "auto" });
      const call = data.output.find((o) => o.type === "function_call");
      expect(call).toMatchObject({ type: "function_call", name: "get_weather", status: "completed" });
      expect(() => JSON.parse((call as OpenAI.Responses.ResponseFunctionToolCall).arguments)).not.toThrow();
    }
    expect(lastBody(h.anthropic)).toMatchObject({ tools: [{ name: "get_weather", input_schema: weather.parameters }], tool_choice: { type: "auto" } });
  });

  it("carries items input with a function_call_output turn to the upstream", async () => {
    const data = await client.responses.create({
      model: "fast",
      tools: [weather],
      input: [
        { role: "user", content: [{ type: "input_text", text: "Weather in Paris?" }] },
        { type: "function_call", call_id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' },
        { type: "function_call_output", call_id: "call_1", output: "18°C, sunny" },
      ],
    });
    expect(data.output_text).toBe("Hello from the test upstream.");
    expect(lastBody(h.openai).messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Weather in Paris?" }] },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
      { role: "tool", tool_call_id: "call_1", content: "18°C, sunny" },
    ]);
    expect(lastBody(h.openai).tools).toEqual([{ type: "function", function: { name: "get_weather", description: "Weather for a city", parameters: weather.parameters, strict: false } }]);
  });

  it("streams text events with usage, from either kind of tier", async () => {
    for (const model of ["frontdesk/auto", "claude"]) {
      const { all, decisionId } = await events({ model, input: "What are your opening hours?", stream: true });
      expect(all[0]!.type).toBe("response.created");
      const text = all.flatMap((e) => (e.type === "response.output_text.delta" ? [e.delta] : [])).join("");
      expect(text).toBe(model === "claude" ? "Hello from the Anthropic test upstream." : "Hello from the test upstream.");
      const types = all.map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(["response.output_item.added", "response.content_part.added", "response.output_text.done", "response.output_item.done"]));
      const last = all.at(-1)!;
      expect(last.type).toBe("response.completed");
      const completed = (last as OpenAI.Responses.ResponseCompletedEvent).response;
      expect(completed.output_text).toBe(text);
      expect(completed.usage?.output_tokens).toBeGreaterThan(0);
      expect(all.map((e) => e.sequence_number)).toEqual(all.map((_, i) => i));
      const row = await logRow(decisionId);
      expect(row).toMatchObject({ stream: true, status: "ok", response: text });
      expect(row.api).toBe("responses");
    }
  });

  it("streams a function call's arguments, and the SDK's stream helper assembles it", async () => {
    const { all } = await events({ model: "tooly", input: "Weather in Paris?", tools: [weather], stream: true });
    const added = all.find((e) => e.type === "response.output_item.added");
    expect(added).toMatchObject({ item: { type: "function_call", name: "get_weather", call_id: "call_test_1" } });
    expect(all.some((e) => e.type === "response.function_call_arguments.delta")).toBe(true);
    expect(all.find((e) => e.type === "response.function_call_arguments.done")).toMatchObject({ arguments: "{}" });
    const final = await client.responses.stream({ model: "claude-tool", input: "Weather in Paris?", tools: [weather] }).finalResponse();
    expect(final.output.find((o) => o.type === "function_call")).toMatchObject({ name: "get_weather", arguments: '{"query":"test"}' });
  });

  it("routes by x-frontdesk-* headers and falls back like chat; a tier that fails alone is a 502 in OpenAI's shape", async () => {
    const byCategory = await client.responses.create({ model: "frontdesk/auto", input: "My card was charged twice" }, { headers: { "x-frontdesk-category": "dispute", "x-frontdesk-session": "s-1" } }).withResponse();
    expect(byCategory.response.headers.get("x-frontdesk-tier")).toBe("capable");
    expect((await logRow(byCategory.response.headers.get("x-frontdesk-decision-id")!)).sessionKey).toBe("s-1");
    const fellBack = await client.responses.create({ model: "frontdesk/p-500", input: "hi" }).withResponse();
    expect(fellBack.response.headers.get("x-frontdesk-stage")).toBe("fallback");
    expect(fellBack.data.output_text).toBe("Hello from the test upstream.");
    const failed = await client.responses.create({ model: "broken", input: "hi" }).then(
      () => Promise.reject(new Error("expected a 502")),
      (e: unknown) => e as InstanceType<typeof OpenAI.APIError>,
    );
    expect(failed.status).toBe(502);
    expect(failed.headers?.get("x-frontdesk-tier")).toBe("broken");
  });

  it("refuses what a stateless router cannot do, and bad input, with OpenAI's errors", async () => {
    const bad = async (body: Record<string, unknown>, c: OpenAI = client) => {
      try {
        await c.responses.create(body as never);
      } catch (error) {
        return error as InstanceType<typeof OpenAI.APIError>;
      }
      throw new Error("expected an error");
    };
    const stored = await bad({ model: "fast", input: "hi", store: true });
    expect(stored).toBeInstanceOf(OpenAI.BadRequestError);
    expect(stored.message).toMatch(/store.*stateless/);
    expect(stored.param).toBe("store");
    const previous = await bad({ model: "fast", input: "hi", previous_response_id: "resp_123" });
    expect(previous.status).toBe(400);
    expect(previous.message).toMatch(/previous_response_id.*stateless/);
    const builtIn = await bad({ model: "fast", input: "hi", tools: [{ type: "web_search" }] });
    expect(builtIn.status).toBe(400);
    expect(builtIn.param).toBe("tools.0");
    const noInput = await bad({ model: "fast" });
    expect(noInput.status).toBe(400);
    expect((await bad({ model: "frontdesk/nope", input: "hi" })).status).toBe(404);
    expect(await bad({ model: "fast", input: "hi" }, h.client("fd_wrong"))).toBeInstanceOf(OpenAI.AuthenticationError);
  });
});
