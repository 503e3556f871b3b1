import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type OpenAI from "openai";
import { resetEnvCache } from "../env";
import { flushTracing, stopTracing, tracing } from "../telemetry/tracing";
import { startGatewayHarness, type Harness } from "../testing/gateway-harness";
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from "../testing/otlp-receiver";

// OpenTelemetry traces of real gateway requests, exported over OTLP/HTTP to a real receiver on
// loopback: off by default; on with OTEL_EXPORTER_OTLP_ENDPOINT, an escalated request is one trace
// continuing the client's traceparent — request span, decide span, one CLIENT span per attempt
// with GenAI attributes — and each upstream got the traceparent of its attempt span.

const OTEL_VARS = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_SERVICE_NAME", "OTEL_SDK_DISABLED", "OTEL_TRACES_SAMPLER"];
const all = (tier: string) => [{ name: "all", match: { regex: "." }, tier }];
const SERVER = 2;
const CLIENT = 3;

let h: Harness;
let client: OpenAI;
let receiver: OtlpReceiver;
let apiKey: string;

function setTracingEnv(vars: Record<string, string | undefined>) {
  for (const name of OTEL_VARS) delete process.env[name];
  for (const [name, value] of Object.entries(vars)) if (value !== undefined) process.env[name] = value;
  resetEnvCache();
}

beforeAll(async () => {
  setTracingEnv({});
  await stopTracing();
  receiver = await startOtlpReceiver();
  h = await startGatewayHarness(({ openai }) => ({
    tiers: [
      { name: "unsure", provider: "openai", baseUrl: openai, model: "unsure-model+lowconf", inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.1 },
      { name: "top", provider: "openai", baseUrl: openai, model: "top-model", inputUsdPerMTok: 10, outputUsdPerMTok: 10 },
      { name: "sleepy", provider: "openai", baseUrl: openai, model: "sleepy-model+delay=800", inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.1 },
      { name: "broken", provider: "openai", baseUrl: openai, model: "broken-model+status=500", inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.1 },
      { name: "embed", kind: "embeddings", provider: "openai", baseUrl: openai, model: "embed-model", inputUsdPerMTok: 1 },
      {
        name: "pooled", provider: "openai", baseUrl: openai, model: "pooled-model", inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.1,
        deployments: [{ name: "dead", baseUrl: "http://127.0.0.1:1/v1" }, { name: "live", baseUrl: openai, model: "live-model" }],
      },
    ],
    policies: [
      { name: "climb", tiers: ["unsure", "top"], rules: all("unsure") },
      { name: "hedged", tiers: ["sleepy", "top"], bias: 0, hedging: { enabled: true, band: [0, 1], delayMs: 100 } },
      { name: "falling", tiers: ["broken", "top"], rules: all("broken") },
      { name: "pooled", tiers: ["pooled"], rules: all("pooled") },
    ],
    defaultPolicy: "climb",
  }));
  apiKey = await h.key({ name: "tracing" });
  client = h.client(apiKey);
});

afterAll(async () => {
  setTracingEnv({});
  await h?.close(); // stops tracing too
  await receiver?.close();
});

const newTraceId = () => crypto.randomUUID().replaceAll("-", "");
const CLIENT_SPAN = "00f067aa0ba902b7";

/** Flushes until the trace's SERVER span has arrived (a stream's spans end just after its last byte). */
async function traceOf(traceId: string): Promise<ReceivedSpan[]> {
  for (let i = 0; i < 100; i++) {
    await flushTracing();
    const spans = receiver.spans.filter((s) => s.traceId === traceId);
    if (spans.some((s) => s.kind === SERVER)) return spans;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no server span of trace ${traceId} arrived (${receiver.spans.length} spans in all)`);
}

/** Attempt spans in the order they were made: the first, then the one its outcome led to (not by
 *  timestamps: the SDK converts each span's times with its own ms-resolution clock offset). */
const firstAttemptFirst = (a: ReceivedSpan, b: ReceivedSpan) => Number(b.attributes["frontdesk.attempt.reason"] === "first") - Number(a.attributes["frontdesk.attempt.reason"] === "first");

const sentSince = (since: number) => h.openai.requests.slice(since);

describe("tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT)", () => {
  it("creates no tracer, exports nothing and sends no traceparent upstream", async () => {
    const since = h.openai.requests.length;
    await client.chat.completions.create({ model: "frontdesk/climb", messages: [{ role: "user", content: "hi" }] }, { headers: { traceparent: `00-${newTraceId()}-${CLIENT_SPAN}-01` } });
    await flushTracing();
    expect(tracing()).toBeNull();
    expect(receiver.posts).toBe(0);
    expect(sentSince(since)).toHaveLength(2); // it escalated
    for (const r of sentSince(since)) expect(r.headers.traceparent).toBeUndefined();
  });

  it("stays off with OTEL_SDK_DISABLED, endpoint or not", async () => {
    setTracingEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SDK_DISABLED: "true" });
    await stopTracing();
    await client.chat.completions.create({ model: "frontdesk/climb", messages: [{ role: "user", content: "hi" }] });
    await flushTracing();
    expect(tracing()).toBeNull();
    expect(receiver.posts).toBe(0);
  });
});

describe("tracing on (OTEL_EXPORTER_OTLP_ENDPOINT set)", () => {
  beforeAll(async () => {
    setTracingEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: `${receiver.url}/`, OTEL_SERVICE_NAME: "frontdesk-test", OTEL_EXPORTER_OTLP_HEADERS: "x-tenant=ops%20team" });
    await stopTracing(); // the next request sets tracing up from the new environment
  });

  it("an attempt on a tier of several deployments names the one that served it (a refused one moved on from)", async () => {
    for (let i = 0; i < 6; i++) {
      const traceId = newTraceId();
      await client.chat.completions.create({ model: "frontdesk/pooled", messages: [{ role: "user", content: `pool ${i}` }] }, { headers: { traceparent: `00-${traceId}-${CLIENT_SPAN}-01` } });
      const attempts = (await traceOf(traceId)).filter((s) => s.kind === CLIENT);
      expect(attempts).toHaveLength(1);
      expect(attempts[0]!.attributes).toMatchObject({ "frontdesk.tier": "pooled", "frontdesk.deployment": "live", "gen_ai.request.model": "live-model", "frontdesk.attempt.outcome": "ok" });
      expect([0, 1]).toContain(attempts[0]!.attributes["frontdesk.deployment.failovers"]);
    }
  });

  /** The escalated request's trace: checks shared by the JSON and the streamed request. */
  function checkEscalatedTrace(spans: ReceivedSpan[], traceId: string, since: number, decisionId: string) {
    expect(spans.every((s) => s.traceId === traceId)).toBe(true);
    expect(spans.every((s) => s.resource["service.name"] === "frontdesk-test")).toBe(true);
    const server = spans.filter((s) => s.kind === SERVER);
    expect(server).toHaveLength(1);
    const request = server[0]!;
    expect(request.name).toBe("POST /api/v1/chat/completions");
    expect(request.parentSpanId).toBe(CLIENT_SPAN);
    expect(request.attributes).toMatchObject({
      "frontdesk.api": "chat",
      "frontdesk.policy": "climb",
      "frontdesk.tier": "top",
      "frontdesk.stage": "escalation",
      "frontdesk.decision_id": decisionId,
      "frontdesk.escalated": true,
      "http.response.status_code": 200,
      "gen_ai.request.model": "frontdesk/climb",
      "gen_ai.response.model": "top-model",
    });

    const decide = spans.filter((s) => s.name === "frontdesk.decide");
    expect(decide).toHaveLength(1);
    expect(decide[0]!.parentSpanId).toBe(request.spanId);
    expect(decide[0]!.attributes).toMatchObject({ "frontdesk.policy": "climb", "frontdesk.tier": "unsure", "frontdesk.stage": "rule", "frontdesk.escalation.path": ["top"] });

    const attempts = spans.filter((s) => s.kind === CLIENT).sort(firstAttemptFirst);
    expect(attempts.map((s) => s.name)).toEqual(["chat unsure-model+lowconf", "chat top-model"]);
    expect(attempts.every((s) => s.parentSpanId === request.spanId)).toBe(true);
    expect(attempts.map((s) => [s.attributes["frontdesk.attempt.reason"], s.attributes["frontdesk.attempt.outcome"], s.attributes["frontdesk.tier"]])).toEqual([
      ["first", "low-confidence", "unsure"],
      ["escalation", "ok", "top"],
    ]);
    for (const a of attempts) {
      expect(a.attributes).toMatchObject({ "gen_ai.operation.name": "chat", "gen_ai.system": "openai", "gen_ai.provider.name": "openai" });
      expect(a.attributes["gen_ai.usage.input_tokens"]).toBeGreaterThan(0);
      expect(a.attributes["gen_ai.usage.output_tokens"]).toBeGreaterThan(0);
      expect(a.status.code ?? 0).toBe(0); // an unsure answer is not an error
    }
    expect(attempts[0]!.attributes["gen_ai.request.model"]).toBe("unsure-model+lowconf");
    expect(attempts[1]!.attributes["gen_ai.request.model"]).toBe("top-model");

    // each upstream call carried its own attempt span's context
    const sent = sentSince(since);
    expect(sent.map((r) => r.headers.traceparent)).toEqual(attempts.map((a) => `00-${traceId}-${a.spanId}-01`));
    return attempts;
  }

  it("an escalated JSON request is one trace: the client's, with decide and both attempts as children", async () => {
    const traceId = newTraceId();
    const since = h.openai.requests.length;
    const { response } = await client.chat.completions
      .create({ model: "frontdesk/climb", messages: [{ role: "user", content: "Explain it" }] }, { headers: { traceparent: `00-${traceId}-${CLIENT_SPAN}-01`, tracestate: "vendor=abc" } })
      .withResponse();
    expect(response.headers.get("x-frontdesk-tier")).toBe("top");
    const attempts = checkEscalatedTrace(await traceOf(traceId), traceId, since, response.headers.get("x-frontdesk-decision-id")!);
    expect(attempts[1]!.attributes).toMatchObject({ "gen_ai.response.model": "top-model", "gen_ai.response.finish_reasons": ["stop"] });
    expect(sentSince(since).map((r) => r.headers.tracestate)).toEqual(["vendor=abc", "vendor=abc"]);
    expect(receiver.headers.at(-1)!["x-tenant"]).toBe("ops team");
  });

  it("an escalated streamed request: the live attempt's span carries its usage once the stream ends", async () => {
    const traceId = newTraceId();
    const since = h.openai.requests.length;
    const stream = await client.chat.completions
      .create({ model: "frontdesk/climb", stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: "Explain it" }] }, { headers: { traceparent: `00-${traceId}-${CLIENT_SPAN}-01` } })
      .withResponse();
    let text = "";
    for await (const chunk of stream.data) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe("Hello from the test upstream.");
    checkEscalatedTrace(await traceOf(traceId), traceId, since, stream.response.headers.get("x-frontdesk-decision-id")!);
  });

  /** The attempt spans of one request to `model`, first attempt first: [reason, outcome, status code, error.type]. */
  async function attemptsOf(model: string) {
    const traceId = newTraceId();
    const { response } = await client.chat.completions.create({ model, messages: [{ role: "user", content: "hi" }] }, { headers: { traceparent: `00-${traceId}-${CLIENT_SPAN}-01` } }).withResponse();
    const spans = await traceOf(traceId);
    const request = spans.find((s) => s.kind === SERVER)!;
    expect(request.attributes["frontdesk.stage"]).toBe(response.headers.get("x-frontdesk-stage"));
    const attempts = spans.filter((s) => s.kind === CLIENT).sort(firstAttemptFirst);
    expect(attempts.every((s) => s.parentSpanId === request.spanId)).toBe(true);
    return attempts.map((s) => [s.name, s.attributes["frontdesk.attempt.reason"], s.attributes["frontdesk.attempt.outcome"], s.status.code ?? 0, s.attributes["error.type"]]);
  }

  it("a hedged request: the hedge leg is marked as such, the aborted loser is no error", async () => {
    expect(await attemptsOf("frontdesk/hedged")).toEqual([
      ["chat sleepy-model+delay=800", "first", "hedge-lost", 0, undefined],
      ["chat top-model", "hedge", "ok", 0, undefined],
    ]);
  });

  it("a fallback after an upstream 500: the failed attempt's span is an error, the fallback's is not", async () => {
    expect(await attemptsOf("frontdesk/falling")).toEqual([
      ["chat broken-model+status=500", "first", "error", 2, "http"],
      ["chat top-model", "fallback", "ok", 0, undefined],
    ]);
  });

  it("a request without traceparent starts a new trace (a root SERVER span)", async () => {
    const before = new Set(receiver.spans.map((s) => s.traceId));
    const since = h.openai.requests.length;
    await client.chat.completions.create({ model: "top", messages: [{ role: "user", content: "hi" }] });
    const traceparent = String(sentSince(since)[0]!.headers.traceparent);
    const [, traceId] = traceparent.split("-");
    expect(before.has(traceId!)).toBe(false);
    const spans = await traceOf(traceId!);
    const request = spans.find((s) => s.kind === SERVER)!;
    expect(request.parentSpanId).toBe("");
    expect(request.attributes).toMatchObject({ "frontdesk.stage": "bypass", "frontdesk.tier": "top" });
    expect(spans.filter((s) => s.kind === CLIENT).map((s) => s.attributes["frontdesk.attempt.reason"])).toEqual(["first"]);
  });

  it("a refused request (unknown model) is a request span with its 4xx status and no attempt", async () => {
    const traceId = newTraceId();
    await expect(client.chat.completions.create({ model: "no-such-tier", messages: [{ role: "user", content: "hi" }] }, { headers: { traceparent: `00-${traceId}-${CLIENT_SPAN}-01` } })).rejects.toThrow();
    const spans = await traceOf(traceId);
    expect(spans.map((s) => s.kind)).toEqual([SERVER]);
    expect(spans[0]!.attributes["http.response.status_code"]).toBe(404);
  });

  it("a client's unsampled trace is not exported, yet its context still goes upstream (parent-based sampling)", async () => {
    const traceId = newTraceId();
    const since = h.openai.requests.length;
    await client.chat.completions.create({ model: "top", messages: [{ role: "user", content: "hi" }] }, { headers: { traceparent: `00-${traceId}-${CLIENT_SPAN}-00` } });
    // a sampled request after it: once its spans have arrived, this one's would have too
    const sampled = newTraceId();
    await client.chat.completions.create({ model: "top", messages: [{ role: "user", content: "hi" }] }, { headers: { traceparent: `00-${sampled}-${CLIENT_SPAN}-01` } });
    await traceOf(sampled);
    expect(receiver.spans.filter((s) => s.traceId === traceId)).toEqual([]);
    expect(String(sentSince(since)[0]!.headers.traceparent)).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-00$`));
  });

  it("the Anthropic Messages API is traced the same way, under its own route", async () => {
    const traceId = newTraceId();
    const res = await fetch(`${h.url}/api/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": apiKey, traceparent: `00-${traceId}-${CLIENT_SPAN}-01` },
      body: JSON.stringify({ model: "frontdesk/climb", max_tokens: 50, messages: [{ role: "user", content: "Explain it" }] }),
    });
    expect(res.status).toBe(200);
    const spans = await traceOf(traceId);
    expect(spans.find((s) => s.kind === SERVER)!.attributes).toMatchObject({ "http.route": "/api/v1/messages", "frontdesk.api": "messages", "frontdesk.stage": "escalation" });
    expect(spans.filter((s) => s.kind === CLIENT).sort(firstAttemptFirst).map((s) => s.attributes["frontdesk.attempt.reason"])).toEqual(["first", "escalation"]);
  });

  it("stopping exports the spans still queued (the gateway's stop sequence calls stopTracing)", async () => {
    const traceId = newTraceId();
    await client.chat.completions.create({ model: "top", messages: [{ role: "user", content: "hi" }] }, { headers: { traceparent: `00-${traceId}-${CLIENT_SPAN}-01` } });
    await stopTracing(); // no flush first
    expect(receiver.spans.filter((s) => s.traceId === traceId).map((s) => s.name)).toEqual(expect.arrayContaining(["POST /api/v1/chat/completions", "frontdesk.decide", "chat top-model"]));
    expect(tracing()).not.toBeNull(); // the next request sets tracing up again
  });

  it("embeddings: a request span and one attempt span, the upstream given its traceparent", async () => {
    const traceId = newTraceId();
    const since = h.openai.requests.length;
    await client.embeddings.create({ model: "embed", input: ["hello", "world!"] }, { headers: { traceparent: `00-${traceId}-${CLIENT_SPAN}-01` } });
    const spans = await traceOf(traceId);
    const request = spans.find((s) => s.kind === SERVER)!;
    expect(request).toMatchObject({ name: "POST /api/v1/embeddings", parentSpanId: CLIENT_SPAN });
    const attempts = spans.filter((s) => s.kind === CLIENT);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!).toMatchObject({ name: "embeddings embed-model", parentSpanId: request.spanId });
    expect(attempts[0]!.attributes).toMatchObject({ "gen_ai.operation.name": "embeddings", "gen_ai.request.model": "embed-model", "gen_ai.usage.input_tokens": 4 });
    expect(sentSince(since)[0]!.headers.traceparent).toBe(`00-${traceId}-${attempts[0]!.spanId}-01`);
  });
});
