import http from "node:http";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRequestsRoute } from "../../app/api/admin/requests/route";
import { POST as chatRoute } from "../../app/api/v1/chat/completions/route";
import { GET as requestRoute } from "../../app/api/admin/requests/[id]/route";
import { POST as signInRoute } from "../../app/api/auth/sign-in/route";
import { db } from "../db/prisma";
import { cookieFrom, jsonRequest, makeUser, routeParams } from "../testing/requests";
import { flushRequestLog, startGatewayHarness, type Harness } from "../testing/gateway-harness";

const catchAll = (tier: string) => [{ name: "all", match: { regex: "." }, tier }];

let h: Harness;
let key: string;
let client: OpenAI;

beforeAll(async () => {
  h = await startGatewayHarness(({ openai, anthropic }) => ({
    tiers: [
      { name: "fast", provider: "openai", baseUrl: openai, model: "small-model", apiKey: "sk-up", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "capable", provider: "openai", baseUrl: openai, model: "large-model", apiKey: "sk-up", inputUsdPerMTok: 10, outputUsdPerMTok: 30 },
      { name: "lowconf", provider: "openai", baseUrl: openai, model: "small-model+lowconf", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "broken", provider: "openai", baseUrl: openai, model: "small-model+status=500", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "slow", provider: "openai", baseUrl: openai, model: "small-model+delay=3000", timeoutMs: 300, inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "refused", provider: "openai", baseUrl: "http://127.0.0.1:1/v1", model: "small-model", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "stally", provider: "openai", baseUrl: openai, model: "small-model+stall=2", options: { stallTimeoutMs: 300 }, inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "sleepy", provider: "openai", baseUrl: openai, model: "small-model+delay=800", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "claude", provider: "anthropic", baseUrl: anthropic, model: "claude-test", apiKey: "sk-ant", inputUsdPerMTok: 3, outputUsdPerMTok: 15 },
      { name: "pricey", provider: "openai", baseUrl: openai, model: "large-model+delay=300", inputUsdPerMTok: 1000, outputUsdPerMTok: 1000 },
    ],
    policies: [
      { name: "default", tiers: ["fast", "capable"], rules: [{ name: "hours", match: { keywords: ["opening hours"] }, tier: "fast" }] },
      { name: "anthropic", tiers: ["claude"] },
      { name: "escalating", tiers: ["lowconf", "capable"], rules: catchAll("lowconf") },
      { name: "p-500", tiers: ["broken", "capable"], rules: catchAll("broken") },
      { name: "p-timeout", tiers: ["slow", "capable"], rules: catchAll("slow") },
      { name: "p-refused", tiers: ["refused", "capable"], rules: catchAll("refused") },
      { name: "p-stall", tiers: ["stally", "capable"], rules: catchAll("stally") },
      { name: "hedged", tiers: ["sleepy", "capable"], bias: 0, hedging: { enabled: true, band: [0, 1], delayMs: 100 } },
      { name: "private", tiers: ["fast", "capable"], storePrompts: false, rules: catchAll("fast") },
      { name: "pricey", tiers: ["pricey"] },
    ],
    defaultPolicy: "default",
  }));
  key = await h.key({ name: "main" });
  client = h.client(key);
});

afterAll(async () => h?.close());

async function chat(model: string, content: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const { data, response } = await client.chat.completions
    .create({ model, messages: [{ role: "user", content }], ...extra } as OpenAI.ChatCompletionCreateParamsNonStreaming, { headers })
    .withResponse();
  return { data, headers: Object.fromEntries([...response.headers].filter(([k]) => k.startsWith("x-frontdesk-"))) };
}

async function logRow(id: string) {
  await flushRequestLog();
  return db.requestLog.findUniqueOrThrow({ where: { id } });
}

describe("routing through the gateway with the official openai client", () => {
  it("routes by rule and records the decision, attempts, tokens and cost", async () => {
    const { data, headers } = await chat("frontdesk/auto", "What are your opening hours on Sunday?");
    expect(data.choices[0]!.message.content).toBe("Hello from the test upstream.");
    expect(headers).toMatchObject({ "x-frontdesk-tier": "fast", "x-frontdesk-model": "small-model", "x-frontdesk-stage": "rule" });
    expect(Number(headers["x-frontdesk-overhead-ms"])).toBeGreaterThanOrEqual(0);
    const row = await logRow(headers["x-frontdesk-decision-id"]!);
    expect(row).toMatchObject({ tierName: "fast", stage: "rule", status: "ok", httpStatus: 200, policyName: "default", escalated: false });
    expect(row.promptTokens).toBeGreaterThan(0);
    expect(row.costUsd).toBeCloseTo(((row.promptTokens + row.completionTokens) * 0.06) / 1e6, 12);
    expect(row.prompt).toContain("opening hours on Sunday");
    expect(row.response).toBe("Hello from the test upstream.");
    expect((row.decision as { trace: unknown[] }).trace.length).toBeGreaterThan(0);
    expect((row.latency as { attempts: Array<{ tier: string; outcome: string }> }).attempts).toEqual([expect.objectContaining({ tier: "fast", outcome: "ok" })]);
  });

  it("keeps the logprobs the router asked for away from the client, and passes them on when the client asked", async () => {
    // The default policy escalates, so the router asks the fast tier for logprobs to score confidence.
    const plain = await chat("frontdesk/auto", "What are your opening hours?");
    expect(plain.headers["x-frontdesk-tier"]).toBe("fast");
    expect(plain.data.choices[0]!.logprobs ?? null).toBeNull();
    const asked = await chat("frontdesk/auto", "What are your opening hours?", { logprobs: true });
    expect(asked.data.choices[0]!.logprobs?.content?.length).toBeGreaterThan(0);
    // A tier named directly is not escalated: nothing is asked for, the upstream's answer goes out as sent.
    const direct = await chat("fast", "What are your opening hours?");
    expect(direct.data.choices[0]).toMatchObject({ message: { content: "Hello from the test upstream." }, logprobs: null });
  });

  it("sends a hard request to the capable tier through the classifier", async () => {
    const { headers } = await chat(
      "frontdesk/auto",
      "Prove that there are infinitely many primes. Then compare three different proofs step by step, explain the tradeoffs, and write Python code that checks the first 10,000 primes.",
    );
    expect(headers).toMatchObject({ "x-frontdesk-tier": "capable", "x-frontdesk-stage": "classifier" });
  });

  it("streams as SSE chunks with usage, through the fast path", async () => {
    const stream = await client.chat.completions.create({
      model: "frontdesk/auto",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "What are your opening hours?" }],
    });
    let text = "";
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? "";
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe("Hello from the test upstream.");
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it("bypasses routing when the model names a tier, including an Anthropic tier both ways", async () => {
    const { data, headers } = await chat("claude", "Say hello");
    expect(headers).toMatchObject({ "x-frontdesk-tier": "claude", "x-frontdesk-stage": "bypass" });
    expect(data.object).toBe("chat.completion");
    expect(data.choices[0]!.message.content).toBeTruthy();
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    const stream = await client.chat.completions.create({ model: "claude", stream: true, messages: [{ role: "user", content: "Say hello" }] });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe(data.choices[0]!.message.content);
  });
});

describe("the Next.js route handler", () => {
  it("serves the same implementation as the fast path, streaming and not", async () => {
    const call = (body: unknown) =>
      chatRoute(new Request("http://localhost/api/v1/chat/completions", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) }));
    const res = await call({ model: "frontdesk/auto", messages: [{ role: "user", content: "What are your opening hours?" }] });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-frontdesk-stage")).toBe("rule");
    expect((await res.json()).choices[0].message.content).toBe("Hello from the test upstream.");
    const stream = await call({ model: "frontdesk/auto", stream: true, messages: [{ role: "user", content: "What are your opening hours?" }] });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    expect(await stream.text()).toContain("data: [DONE]");
    expect((await call({ model: "frontdesk/auto", messages: [] })).status).toBe(400);
  });
});

describe("escalation, hedging and fallback", () => {
  it("escalates a low-confidence answer to the next tier, recording the time it cost", async () => {
    const { headers } = await chat("frontdesk/escalating", "Explain it");
    expect(headers).toMatchObject({ "x-frontdesk-tier": "capable", "x-frontdesk-stage": "escalation" });
    const row = await logRow(headers["x-frontdesk-decision-id"]!);
    const latency = row.latency as { escalationWaitMs: number; attempts: Array<{ tier: string; outcome: string; confidence?: number }> };
    expect(latency.attempts.map((a) => [a.tier, a.outcome])).toEqual([["lowconf", "low-confidence"], ["capable", "ok"]]);
    expect(latency.attempts[0]!.confidence).toBeLessThan(0.5);
    expect(latency.escalationWaitMs).toBeGreaterThan(0);
    expect(row.escalated).toBe(true);
  });

  it("escalates a streaming request too: the cheap answer is held back, the capable one streams", async () => {
    const stream = await client.chat.completions.create({ model: "frontdesk/escalating", stream: true, messages: [{ role: "user", content: "Explain it" }] }).withResponse();
    expect(stream.response.headers.get("x-frontdesk-tier")).toBe("capable");
    let text = "";
    for await (const chunk of stream.data) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe("Hello from the test upstream.");
  });

  it.each([
    ["upstream 500", "frontdesk/p-500", "http 500"],
    ["timeout", "frontdesk/p-timeout", "timeout"],
    ["connection refused", "frontdesk/p-refused", "connection"],
  ])("falls back to the next tier on %s", async (_name, model, errorKind) => {
    const { headers } = await chat(model, "Do the thing");
    expect(headers).toMatchObject({ "x-frontdesk-tier": "capable", "x-frontdesk-stage": "fallback" });
    const row = await logRow(headers["x-frontdesk-decision-id"]!);
    const [failed, ok] = (row.latency as { attempts: Array<{ outcome: string; error?: string }> }).attempts;
    expect(failed).toMatchObject({ outcome: "error" });
    expect(failed!.error).toContain(errorKind);
    expect(ok).toMatchObject({ outcome: "ok" });
  });

  it("falls back when a cheap tier's stream stalls mid-way", async () => {
    const stream = await client.chat.completions.create({ model: "frontdesk/p-stall", stream: true, messages: [{ role: "user", content: "Do the thing" }] }).withResponse();
    let text = "";
    for await (const chunk of stream.data) text += chunk.choices[0]?.delta?.content ?? "";
    expect(stream.response.headers.get("x-frontdesk-tier")).toBe("capable");
    expect(text).toBe("Hello from the test upstream.");
  });

  it("hedges: starts the next tier after the delay, uses the first good answer and aborts the loser", async () => {
    const before = h.openai.requests.length;
    const { headers } = await chat("frontdesk/hedged", "hi");
    expect(headers).toMatchObject({ "x-frontdesk-tier": "capable", "x-frontdesk-stage": "hedge" });
    const sleepy = h.openai.requests.slice(before).find((r) => (r.body as { model: string }).model.includes("delay=800"));
    expect(await sleepy!.done).toBe("aborted");
    const row = await logRow(headers["x-frontdesk-decision-id"]!);
    const attempts = (row.latency as { attempts: Array<{ tier: string; outcome: string; costUsd: number }> }).attempts;
    expect(attempts.map((a) => a.outcome).sort()).toEqual(["hedge-lost", "ok"]);
    expect(row.costUsd).toBeCloseTo(attempts.reduce((s, a) => s + a.costUsd, 0), 12);
    expect(row.hedged).toBe(true);
  });

  it("hedges a streaming request the same way: the winner's stream is replayed, the loser aborted", async () => {
    const before = h.openai.requests.length;
    const stream = await client.chat.completions.create({ model: "frontdesk/hedged", stream: true, messages: [{ role: "user", content: "hi" }] }).withResponse();
    let text = "";
    for await (const chunk of stream.data) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe("Hello from the test upstream.");
    expect(stream.response.headers.get("x-frontdesk-tier")).toBe("capable");
    expect(stream.response.headers.get("x-frontdesk-stage")).toBe("hedge");
    const sleepy = h.openai.requests.slice(before).find((r) => (r.body as { model: string }).model.includes("delay=800"));
    expect(await sleepy!.done).toBe("aborted");
    const row = await logRow(stream.response.headers.get("x-frontdesk-decision-id")!);
    const attempts = (row.latency as { attempts: Array<{ tier: string; outcome: string; costUsd: number }> }).attempts;
    expect(attempts.map((a) => [a.tier, a.outcome]).sort()).toEqual([["capable", "ok"], ["sleepy", "hedge-lost"]]);
    expect(row.costUsd).toBeCloseTo(attempts.reduce((sum, a) => sum + a.costUsd, 0), 12);
    expect(row).toMatchObject({ hedged: true, stream: true, stage: "hedge" });
  });

  it("opens the circuit after repeated failures and stops calling the failing tier", async () => {
    for (let i = 0; i < 6; i++) await chat("frontdesk/p-500", `attempt ${i}`);
    const before = h.openai.requests.filter((r) => (r.body as { model: string }).model.includes("status=500")).length;
    const { headers } = await chat("frontdesk/p-500", "once more");
    expect(headers["x-frontdesk-tier"]).toBe("capable");
    const after = h.openai.requests.filter((r) => (r.body as { model: string }).model.includes("status=500")).length;
    expect(after).toBe(before);
  });
});

describe("one keep-alive connection", () => {
  // The requests of a connection share its abort signal (fast-path.ts): every call that listens on
  // it must stop listening when it settles, or a long-lived connection piles up listeners.
  it("carries many requests of every kind, each answered, and leaves no abort listener behind", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    const post = (model: string, content: string, stream = false) =>
      new Promise<{ status: number; body: string; reused: boolean }>((resolve, reject) => {
        const req = http.request(`${h.url}/api/v1/chat/completions`, { method: "POST", agent, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" } }, (res) => {
          let body = "";
          res.setEncoding("utf8").on("data", (c: string) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode!, body, reused: req.reusedSocket }));
        });
        req.on("error", reject);
        req.end(JSON.stringify({ model, messages: [{ role: "user", content }], stream }));
      });
    try {
      const kinds = [
        ["frontdesk/auto", "What are your opening hours?"],
        ["frontdesk/escalating", "anything"],
        ["frontdesk/p-500", "anything"],
        ["frontdesk/hedged", "anything"],
        ["frontdesk/auto", "What are your opening hours?", true],
      ] as const;
      const results = [];
      for (let i = 0; i < 20; i++) {
        const [model, content, stream] = kinds[i % kinds.length]!;
        results.push(await post(model, content, stream === true));
      }
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect(results.slice(1).every((r) => r.reused)).toBe(true);
      await new Promise((r) => setTimeout(r, 50)); // process warnings are emitted on the next tick
      expect(warnings.map((w) => w.message)).toEqual([]);
    } finally {
      process.off("warning", onWarning);
      agent.destroy();
    }
  });
});

describe("sessions, budgets and privacy", () => {
  it("keeps a session on its tier", async () => {
    const session = { "x-frontdesk-session": `s-${Date.now()}` };
    const first = await chat("frontdesk/auto", "Prove Fermat's little theorem rigorously and compare it with Euler's theorem, step by step, with code.", {}, session);
    expect(first.headers["x-frontdesk-tier"]).toBe("capable");
    const second = await chat("frontdesk/auto", "thanks!", {}, session);
    expect(second.headers).toMatchObject({ "x-frontdesk-tier": "capable", "x-frontdesk-stage": "pinned" });
    const other = await chat("frontdesk/auto", "thanks!");
    expect(other.headers["x-frontdesk-tier"]).toBe("fast");
  });

  it("answers 429 once a key's monthly budget is spent, or downgrades per key setting", async () => {
    const capped = h.client(await h.key({ name: "capped", monthlyBudgetUsd: 0.000001, overBudget: "reject" }));
    await capped.chat.completions.create({ model: "capable", messages: [{ role: "user", content: "first" }] });
    const refused = await capped.chat.completions.create({ model: "capable", messages: [{ role: "user", content: "second" }] }).catch((e) => e);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    expect(refused.code).toBe("budget_exceeded");

    const downgraded = h.client(await h.key({ name: "downgrade", monthlyBudgetUsd: 0.000001, overBudget: "downgrade" }));
    await downgraded.chat.completions.create({ model: "capable", messages: [{ role: "user", content: "first" }] });
    const { response } = await downgraded.chat.completions.create({ model: "capable", messages: [{ role: "user", content: "second" }] }).withResponse();
    expect(response.headers.get("x-frontdesk-tier")).toBe("fast");
    expect(response.headers.get("x-frontdesk-stage")).toBe("budget");
  });

  it("reserves a request's estimated cost before calling: parallel requests cannot all pass the budget check", async () => {
    // One request reserves ~(prompt + max_tokens 20) tokens at $1000/MTok ≈ $0.03; the $0.02 cap admits one at a time.
    const cappedKey = await h.key({ name: "parallel", monthlyBudgetUsd: 0.02, overBudget: "reject" });
    const capped = h.client(cappedKey);
    const ask = (content: string) =>
      capped.chat.completions.create({ model: "pricey", max_tokens: 20, messages: [{ role: "user", content }] }).then(
        () => "ok",
        (e: { code?: string }) => e.code,
      );
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => ask(`parallel ${i}`)));
    expect(results.sort()).toEqual(["budget_exceeded", "budget_exceeded", "budget_exceeded", "budget_exceeded", "ok"]);
    // Each request settled to its actual cost (the answer is 5 tokens, not 20): more fit one at a time until the cap is spent.
    let answered = 1;
    while (answered < 10 && (await ask(`after ${answered}`)) === "ok") answered++;
    expect(answered).toBeGreaterThan(1);
    expect(answered).toBeLessThan(10);
    await flushRequestLog();
    const { id } = await db.apiKey.findFirstOrThrow({ where: { prefix: cappedKey.slice(0, 11) } });
    const rows = await db.requestLog.findMany({ where: { apiKeyId: id }, select: { costUsd: true } });
    const spent = rows.reduce((sum, r) => sum + r.costUsd, 0);
    expect(rows).toHaveLength(answered);
    expect(spent).toBeGreaterThanOrEqual(0.02);
    expect(spent - 0.02).toBeLessThan(spent / answered + 1e-9); // over by less than one request
  });

  it("near the cap, reserves the prompt as the tier's tokenizer counts it, not as the character estimate says", async () => {
    // 80 Japanese characters: the estimate says ~21 prompt tokens (+ max_tokens 10 → ~$0.031 at $1000/MTok, six fit in $0.20);
    // counted, ~80 (→ ~$0.09): after three reservations the cap is reached and the rest are refused
    const cappedKey = await h.key({ name: "counted", monthlyBudgetUsd: 0.2, overBudget: "reject" });
    const capped = h.client(cappedKey);
    const prompt = "東京の天気はどうですか。明日は雨が降りますか。".repeat(4).slice(0, 80);
    const ask = () =>
      capped.chat.completions.create({ model: "pricey", max_tokens: 10, messages: [{ role: "user", content: prompt }] }).then(
        () => "ok",
        (e: { code?: string }) => e.code,
      );
    const results = await Promise.all(Array.from({ length: 5 }, ask));
    expect(results.filter((r) => r === "ok")).toHaveLength(3);
    expect(results.filter((r) => r === "budget_exceeded")).toHaveLength(2);
  });

  it("answers 429 with retry-after once a key's per-minute rate limit is used up, without calling upstream or logging", async () => {
    const limitedKey = await h.key({ name: "limited", rateLimitPerMinute: 3 });
    const limited = h.client(limitedKey);
    const ask = (c: OpenAI, content: string) => c.chat.completions.create({ model: "fast", messages: [{ role: "user", content }] });
    for (let i = 0; i < 3; i++) expect((await ask(limited, `limited ${i}`)).choices[0]!.message.content).toBe("Hello from the test upstream.");

    const before = h.openai.requests.length;
    const refused = await ask(limited, "limited 3").catch((e) => e);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    expect(refused.status).toBe(429);
    expect(refused.code).toBe("rate_limit_exceeded");
    expect(refused.type).toBe("rate_limit_error");
    expect(refused.message).toContain("3 requests per minute");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20);
    expect(h.openai.requests.length).toBe(before);

    // The dry run counts against the limit too; listing models does not.
    const route = await fetch(`${h.url}/api/v1/route`, {
      method: "POST",
      headers: { authorization: `Bearer ${limitedKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "frontdesk/auto", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(route.status).toBe(429);
    expect(route.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await route.json()).error).toMatchObject({ type: "rate_limit_error", code: "rate_limit_exceeded" });
    expect((await limited.models.list()).data.length).toBeGreaterThan(0);

    // Another key is unaffected, and only the three answered requests were logged for the limited key.
    for (let i = 0; i < 4; i++) await ask(client, `unlimited ${i}`);
    await flushRequestLog();
    const { id } = await db.apiKey.findFirstOrThrow({ where: { prefix: limitedKey.slice(0, 11) } });
    expect(await db.requestLog.count({ where: { apiKeyId: id } })).toBe(3);
  });

  it("does not store prompts or answers when the policy turns it off", async () => {
    const { headers } = await chat("frontdesk/private", "my secret question");
    const row = await logRow(headers["x-frontdesk-decision-id"]!);
    expect(row.prompt).toBeNull();
    expect(row.response).toBeNull();
  });
});

describe("route dry run and models", () => {
  it("POST /api/v1/route returns the decision without calling an upstream", async () => {
    const before = h.openai.requests.length;
    const res = await fetch(`${h.url}/api/v1/route`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "x-frontdesk-category": "billing" },
      body: JSON.stringify({ model: "frontdesk/auto", messages: [{ role: "user", content: "What are your opening hours?" }] }),
    });
    expect(res.status).toBe(200);
    const decision = await res.json();
    expect(decision).toMatchObject({ tier: "fast", stage: "rule", rule: "hours", policy: "default" });
    expect(decision.thresholds.bias).toBe(0.5);
    expect(h.openai.requests.length).toBe(before);
  });

  it("GET /api/v1/models lists what the key may use; a policy-bound key sees only its policy", async () => {
    const all = await client.models.list();
    const ids = all.data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(["frontdesk/auto", "frontdesk/default", "frontdesk/escalating", "fast", "capable", "claude"]));
    const bound = h.client(await h.key({ name: "bound", policy: "private" }));
    const boundIds = (await bound.models.list()).data.map((m) => m.id);
    expect(boundIds.sort()).toEqual(["capable", "fast", "frontdesk/auto", "frontdesk/private"]);
    const refused = await bound.chat.completions.create({ model: "frontdesk/default", messages: [{ role: "user", content: "x" }] }).catch((e) => e);
    expect(refused).toBeInstanceOf(OpenAI.NotFoundError);
  });
});

describe("GET /api/admin/requests", () => {
  async function cookieFor(role: "ops" | "reviewer" | "owner") {
    const u = await makeUser(role);
    return cookieFrom(await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: u.email, password: u.password } })));
  }
  const list = (query: string, cookie: string) => listRequestsRoute(jsonRequest("GET", `/api/admin/requests?${query}`, { cookie }));

  it("lists recent requests with their trace, filtered and paginated", async () => {
    await flushRequestLog();
    const cookie = await cookieFor("ops");
    const all = await (await list("limit=3", cookie)).json();
    expect(all.items).toHaveLength(3);
    expect(all.items[0].decision.trace.length).toBeGreaterThan(0);
    // Newest first by what the list shows: (createdAt, id) descending, and the next page continues below.
    const key = (r: { createdAt: string; id: string }) => `${r.createdAt} ${r.id}`;
    expect(key(all.items[0]) > key(all.items[1])).toBe(true);
    const next = await (await list(`limit=3&cursor=${all.nextCursor}`, cookie)).json();
    expect(key(next.items[0]) < key(all.items[2])).toBe(true);

    const fallbacks = await (await list("stage=fallback&tier=capable&status=ok", cookie)).json();
    expect(fallbacks.items.length).toBeGreaterThan(0);
    expect(fallbacks.items.every((r: { stage: string; tierName: string }) => r.stage === "fallback" && r.tierName === "capable")).toBe(true);
    const text = await (await list("q=OPENING%20HOURS%20on%20sunday", cookie)).json();
    expect(text.items.map((r: { tierName: string }) => r.tierName)).toEqual(["fast"]);
    const recent = await (await list(`from=${new Date(Date.now() + 60_000).toISOString()}`, cookie)).json();
    expect(recent).toEqual({ items: [], nextCursor: null, search: null });

    const one = await requestRoute(jsonRequest("GET", `/api/admin/requests/${text.items[0].id}`, { cookie }), routeParams({ id: text.items[0].id }));
    expect((await one.json()).request.prompt).toContain("opening hours on Sunday");
  });

  it("validates filters and is for ops, reviewers and admins only", async () => {
    const cookie = await cookieFor("ops");
    expect((await list("stage=nonsense", cookie)).status).toBe(400);
    expect((await list("from=yesterday", cookie)).status).toBe(400);
    expect((await list("limit=100000", cookie)).status).toBe(400);
    expect((await list("cursor=0190a0b0-0000-7000-8000-000000000000", cookie)).status).toBe(400);
    expect((await list("", await cookieFor("reviewer"))).status).toBe(200); // reviewers read the log (and label from a request's page)
    expect((await list("", await cookieFor("owner"))).status).toBe(403);
    const missing = await requestRoute(jsonRequest("GET", "/api/admin/requests/x", { cookie }), routeParams({ id: "x" }));
    expect(missing.status).toBe(404);
  });
});
