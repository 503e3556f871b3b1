import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type OpenAI from "openai";
import { db } from "../../db/prisma";
import { flushRequestLog, startGatewayHarness, type Harness } from "../../testing/gateway-harness";
import { gatewayRuntime } from "../gateway-runtime";

// The execution machine behind the real gateway (fast path, real HTTP upstreams): a disabled
// middle tier is climbed over, JSON and streamed alike; a client going away is never a tier failure.

let h: Harness;
let client: OpenAI;
const all = (tier: string) => [{ name: "all", match: { regex: "." }, tier }];

beforeAll(async () => {
  h = await startGatewayHarness(({ openai }) => ({
    tiers: [
      { name: "unsure", provider: "openai", baseUrl: openai, model: "unsure-model+lowconf", inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.1 },
      { name: "middle", provider: "openai", baseUrl: openai, model: "middle-model", enabled: false, inputUsdPerMTok: 1, outputUsdPerMTok: 1 },
      { name: "top", provider: "openai", baseUrl: openai, model: "top-model", inputUsdPerMTok: 10, outputUsdPerMTok: 10 },
      { name: "trickle", provider: "openai", baseUrl: openai, model: "trickle-model+tokens=40+chunkdelay=50", inputUsdPerMTok: 1, outputUsdPerMTok: 1 },
      { name: "sleepy", provider: "openai", baseUrl: openai, model: "sleepy-model+delay=1000", inputUsdPerMTok: 1, outputUsdPerMTok: 1 },
      { name: "backup", provider: "openai", baseUrl: openai, model: "backup-model", inputUsdPerMTok: 5, outputUsdPerMTok: 5 },
    ],
    policies: [
      { name: "three", tiers: ["unsure", "middle", "top"], rules: all("unsure") },
      { name: "trickling", tiers: ["trickle", "backup"], rules: all("trickle"), escalation: { enabled: false } },
      { name: "slow-json", tiers: ["sleepy", "backup"], rules: all("sleepy") },
    ],
    defaultPolicy: "three",
  }));
  client = h.client(await h.key({ name: "exec" }));
});

afterAll(async () => h?.close());

const calledModels = (since: number) => h.openai.requests.slice(since).map((r) => (r.body as { model: string }).model);

async function row(id: string) {
  await flushRequestLog();
  return db.requestLog.findUniqueOrThrow({ where: { id } });
}

describe("a 3-tier policy whose middle tier is disabled", () => {
  async function check(id: string, since: number) {
    expect(calledModels(since)).toEqual(["unsure-model+lowconf", "top-model"]);
    const logged = await row(id);
    const attempts = (logged.latency as { attempts: Array<{ tier: string; outcome: string; cause?: string }> }).attempts;
    expect(attempts.map((a) => [a.tier, a.outcome, a.cause])).toEqual([["unsure", "low-confidence", "decision"], ["top", "ok", "escalation"]]);
    expect(logged.reason).toMatch(/unsure answered with low confidence \(0\.\d\d\); answered by top\.$/);
    const plan = (logged.decision as { trace: Array<{ stage: string; detail: string }> }).trace.find((s) => s.stage === "plan")!;
    expect(plan.detail).toContain("escalate to top if unsure");
    expect(plan.detail).toContain("middle left out (disabled or unknown)");
  }

  it("escalates an unsure small answer straight to the top tier (JSON)", async () => {
    const since = h.openai.requests.length;
    const { response } = await client.chat.completions.create({ model: "frontdesk/three", messages: [{ role: "user", content: "Explain it" }] }).withResponse();
    expect(response.headers.get("x-frontdesk-tier")).toBe("top");
    expect(response.headers.get("x-frontdesk-stage")).toBe("escalation");
    await check(response.headers.get("x-frontdesk-decision-id")!, since);
  });

  it("escalates an unsure small answer straight to the top tier (stream), the top answer streaming", async () => {
    const since = h.openai.requests.length;
    const stream = await client.chat.completions.create({ model: "frontdesk/three", stream: true, messages: [{ role: "user", content: "Explain it" }] }).withResponse();
    let text = "";
    for await (const chunk of stream.data) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe("Hello from the test upstream.");
    expect(stream.response.headers.get("x-frontdesk-tier")).toBe("top");
    await check(stream.response.headers.get("x-frontdesk-decision-id")!, since);
  });
});

describe("a client that goes away", () => {
  it("mid-stream: never counts against the tier, however often, and the attempt is recorded", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const controller = new AbortController();
      const stream = await client.chat.completions.create({ model: "frontdesk/trickling", stream: true, messages: [{ role: "user", content: `go ${i}` }] }, { signal: controller.signal }).withResponse();
      ids.push(stream.response.headers.get("x-frontdesk-decision-id")!);
      for await (const _chunk of stream.data) {
        controller.abort();
        break;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(gatewayRuntime().health("trickle")).toBe("healthy");
    const logged = await row(ids.at(-1)!);
    const [attempt] = (logged.latency as { attempts: Array<{ tier: string; outcome: string; error?: string }> }).attempts;
    expect(attempt).toMatchObject({ tier: "trickle", outcome: "error" });
    expect(attempt!.error).toContain("aborted");
  });

  it("mid-stream: is billed for what the upstream produced until then, not the prompt only", async () => {
    const controller = new AbortController();
    const stream = await client.chat.completions.create({ model: "frontdesk/trickling", stream: true, messages: [{ role: "user", content: "count slowly" }] }, { signal: controller.signal }).withResponse();
    const id = stream.response.headers.get("x-frontdesk-decision-id")!;
    let received = "";
    let chunks = 0;
    for await (const chunk of stream.data) {
      received += chunk.choices[0]?.delta?.content ?? "";
      if (++chunks === 12) {
        controller.abort();
        break;
      }
    }
    await new Promise((r) => setTimeout(r, 150));
    const logged = await row(id);
    const [attempt] = (logged.latency as { attempts: Array<{ outcome: string; error?: string; promptTokens: number; completionTokens: number; costUsd: number; estimatedUsage?: boolean }> }).attempts;
    expect(attempt).toMatchObject({ outcome: "error", estimatedUsage: true });
    expect(attempt!.error).toContain("aborted");
    // produced until the client left: at least what it received, well short of the whole 40-word answer
    expect(attempt!.completionTokens).toBeGreaterThanOrEqual(Math.ceil(received.length / 4) - 1);
    expect(attempt!.completionTokens).toBeGreaterThan(0);
    expect(attempt!.completionTokens).toBeLessThan(40);
    expect(attempt!.costUsd).toBeCloseTo(((attempt!.promptTokens + attempt!.completionTokens) * 1) / 1e6, 12);
    expect(logged).toMatchObject({ status: "error", promptTokens: attempt!.promptTokens, completionTokens: attempt!.completionTokens });
    expect(logged.costUsd).toBeCloseTo(attempt!.costUsd, 12);
    expect(logged.response!.startsWith(received)).toBe(true);
  });

  it("mid-answer (JSON): the upstream call is aborted, no fallback call is made and the tier stays healthy", async () => {
    const since = h.openai.requests.length;
    for (let i = 0; i < 6; i++) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 150);
      const result = await client.chat.completions.create({ model: "frontdesk/slow-json", messages: [{ role: "user", content: `wait ${i}` }] }, { signal: controller.signal }).catch((e: Error) => e);
      expect(result).toBeInstanceOf(Error);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(calledModels(since).filter((m) => m.startsWith("backup"))).toEqual([]);
    // the client's disconnect reached the upstream: each call was cut short, not left to answer
    const calls = h.openai.requests.slice(since);
    expect(calls).toHaveLength(6);
    expect(await Promise.all(calls.map((r) => r.done))).toEqual(Array(6).fill("aborted"));
    expect(gatewayRuntime().health("sleepy")).toBe("healthy");
  });
});
