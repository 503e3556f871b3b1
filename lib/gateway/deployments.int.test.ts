import type OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as deploymentStatesRoute } from "../../app/api/admin/deployment-states/route";
import { POST as signInRoute } from "../../app/api/auth/sign-in/route";
import { db } from "../db/prisma";
import { cookieFrom, jsonRequest, makeUser } from "../testing/requests";
import { flushRequestLog, startGatewayHarness, type Harness } from "../testing/gateway-harness";
import { startOpenAiUpstream } from "../testing/upstreams/openai-upstream";
import type { UpstreamServer } from "../testing/upstreams/http-helpers";
import { gatewayRuntime } from "./gateway-runtime";

// One tier, two deployments on two real loopback upstreams (each demanding its own key), weights 3:1.
let h: Harness;
let client: OpenAI;
let eu: UpstreamServer;
let us: UpstreamServer;
let away: UpstreamServer;
let cookie: string;

beforeAll(async () => {
  eu = await startOpenAiUpstream({ apiKey: "sk-dep-eu", reply: "from eu" });
  us = await startOpenAiUpstream({ apiKey: "sk-dep-us", reply: "from us" });
  away = await startOpenAiUpstream({ reply: "from away" });
  h = await startGatewayHarness(({ openai }) => ({
    tiers: [
      {
        name: "dep-pooled", provider: "openai", baseUrl: openai, model: "pool-model", apiKey: "sk-home", inputUsdPerMTok: 1, outputUsdPerMTok: 1,
        deployments: [
          { name: "eu", baseUrl: `${eu.url}/v1`, apiKey: "sk-dep-eu", weight: 3, region: "eu-west" },
          { name: "us", baseUrl: `${us.url}/v1`, apiKey: "sk-dep-us", weight: 1, model: "pool-model-us" },
        ],
      },
      { name: "dep-backup", provider: "openai", baseUrl: openai, model: "backup-model", inputUsdPerMTok: 1, outputUsdPerMTok: 1 },
      {
        name: "dep-keys", provider: "openai", baseUrl: openai, model: "keys-model", apiKey: "sk-home-secret", options: { headers: { "X-Org": "org-secret" } },
        deployments: [{ name: "home", baseUrl: `${openai}/` }, { name: "away", baseUrl: `${away.url}/v1` }],
      },
    ],
    policies: [
      { name: "dep-policy", tiers: ["dep-pooled", "dep-backup"], rules: [{ name: "all", match: { regex: "." }, tier: "dep-pooled" }] },
      { name: "dep-keys", tiers: ["dep-keys"] },
    ],
    defaultPolicy: "dep-policy",
  }));
  client = h.client(await h.key({ name: "dep-key" }));
  const user = await makeUser("ops");
  cookie = cookieFrom(await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: user.email, password: user.password } })));
});

afterAll(async () => {
  await h?.close();
  await eu?.close();
  await us?.close();
  await away?.close();
});

async function ask(content: string) {
  const { data, response } = await client.chat.completions.create({ model: "frontdesk/dep-policy", messages: [{ role: "user", content }] }).withResponse();
  return { text: data.choices[0]!.message.content, tier: response.headers.get("x-frontdesk-tier"), id: response.headers.get("x-frontdesk-decision-id")! };
}

async function askStreaming(content: string) {
  const { data, response } = await client.chat.completions.create({ model: "frontdesk/dep-policy", stream: true, messages: [{ role: "user", content }] }).withResponse();
  let text = "";
  for await (const chunk of data) text += chunk.choices[0]?.delta?.content ?? "";
  return { text, tier: response.headers.get("x-frontdesk-tier"), id: response.headers.get("x-frontdesk-decision-id")! };
}

type Attempt = { tier: string; model: string; outcome: string; deployment?: string; failovers?: string[] };
async function attempts(id: string): Promise<Attempt[]> {
  await flushRequestLog();
  const row = await db.requestLog.findUniqueOrThrow({ where: { id } });
  return (row.latency as { attempts: Attempt[] }).attempts;
}

const backupCalls = (since: number) => h.openai.requests.slice(since).length;

/** Until the first request `upstream` answers 429 (Retry-After: 2): the eu deployment's cool-down starts then. */
async function untilRateLimited(send: (i: number) => Promise<{ text: string | null; tier: string | null; id: string }>) {
  const before = eu.requests.length;
  for (let i = 0; i < 50; i++) {
    const answer = await send(i);
    expect(answer.tier).toBe("dep-pooled");
    expect(answer.text).toBe("from us");
    if (eu.requests.length > before) return { at: Date.now(), answer };
  }
  throw new Error("the eu deployment was never picked");
}

describe("a tier with two deployments", () => {
  it("shares the load by weight (3:1 → 75% ± 8% of 200 requests), each deployment called with its own key and model", async () => {
    const [euBefore, usBefore] = [eu.requests.length, us.requests.length];
    const texts: string[] = [];
    for (let i = 0; i < 200; i += 4) {
      const batch = await Promise.all([0, 1, 2, 3].map((j) => ask(`share ${i + j}`)));
      for (const b of batch) {
        expect(b.tier).toBe("dep-pooled");
        texts.push(b.text!);
      }
    }
    const euCount = eu.requests.length - euBefore;
    expect(euCount + us.requests.length - usBefore).toBe(200);
    expect(texts.filter((t) => t === "from eu")).toHaveLength(euCount);
    expect(euCount / 200).toBeGreaterThan(0.67);
    expect(euCount / 200).toBeLessThan(0.83);
    expect((eu.requests.at(-1)!.body as { model: string }).model).toBe("pool-model");
    expect((us.requests.at(-1)!.body as { model: string }).model).toBe("pool-model-us");
    const first = await ask("which one");
    const [attempt] = await attempts(first.id);
    expect(attempt).toMatchObject({ tier: "dep-pooled", outcome: "ok", deployment: first.text === "from eu" ? "eu" : "us", model: first.text === "from eu" ? "pool-model" : "pool-model-us" });
  });

  it("a deployment answering 429 with Retry-After: 2 is skipped until then, with no failed request and no fallback", async () => {
    const backupBefore = h.openai.requests.length;
    eu.setDefaultBehavior("status=429,retryafter=2");
    const { at, answer } = await untilRateLimited((i) => ask(`limited ${i}`));
    // the same attempt moved on to the other deployment: one attempt, truthful about it
    const [attempt, ...more] = await attempts(answer.id);
    expect(more).toEqual([]);
    expect(attempt).toMatchObject({ tier: "dep-pooled", outcome: "ok", deployment: "us", model: "pool-model-us" });
    expect(attempt!.failovers![0]).toMatch(/^eu: upstream 429/);
    const state = gatewayRuntime().deploymentStates().find((d) => d.tier === "dep-pooled" && d.name === "eu")!;
    expect(state.status).toBe("cooling");
    expect(state.until! - at).toBeGreaterThan(1000);
    // the console reads the same state (signed in; never a key)
    const res = await deploymentStatesRoute(jsonRequest("GET", "/api/admin/deployment-states", { cookie }));
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain("sk-dep-");
    const body = JSON.parse(text) as { loaded: boolean; deployments: Array<{ tier: string; name: string; status: string; region: string | null }> };
    expect(body.loaded).toBe(true);
    expect(body.deployments.filter((d) => d.tier === "dep-pooled")).toEqual([
      expect.objectContaining({ name: "eu", status: "cooling", region: "eu-west" }),
      expect.objectContaining({ name: "us", status: "healthy", region: null }),
    ]);
    expect((await deploymentStatesRoute(jsonRequest("GET", "/api/admin/deployment-states"))).status).toBe(401);
    // during the cool-down every request goes to us (eu, still answering 429, is not called)
    eu.setDefaultBehavior(undefined);
    const euDuring = eu.requests.length;
    for (let i = 0; Date.now() < at + 1500; i++) expect((await ask(`cooling ${i}`)).text).toBe("from us");
    expect(eu.requests.length).toBe(euDuring);
    // after it: both again
    await new Promise((r) => setTimeout(r, Math.max(0, at + 2300 - Date.now())));
    const after = await Promise.all(Array.from({ length: 40 }, (_, i) => ask(`after ${i}`)));
    expect(new Set(after.map((a) => a.text))).toEqual(new Set(["from eu", "from us"]));
    expect(backupCalls(backupBefore)).toBe(0);
  });

  it("streaming: the same — the 429 moves the stream to the other deployment before a byte is sent", async () => {
    const backupBefore = h.openai.requests.length;
    eu.setDefaultBehavior("status=429,retryafter=2");
    const { answer } = await untilRateLimited((i) => askStreaming(`stream ${i}`));
    const [attempt] = await attempts(answer.id);
    expect(attempt).toMatchObject({ outcome: "ok", deployment: "us" });
    expect(attempt!.failovers![0]).toMatch(/^eu: upstream 429/);
    eu.setDefaultBehavior(undefined);
    const euDuring = eu.requests.length;
    for (let i = 0; i < 5; i++) expect((await askStreaming(`stream cooling ${i}`)).text).toBe("from us");
    expect(eu.requests.length).toBe(euDuring);
    expect(backupCalls(backupBefore)).toBe(0);
    expect(gatewayRuntime().deploymentStates().filter((d) => d.tier === "dep-pooled").every((d) => d.inFlight === 0)).toBe(true);
  });

  it("falls back to the next tier only when every deployment fails", async () => {
    const backupBefore = h.openai.requests.length;
    eu.setDefaultBehavior("status=503,retryafter=1");
    us.setDefaultBehavior("status=503,retryafter=1");
    try {
      const answer = await ask("all down");
      expect(answer.tier).toBe("dep-backup");
      expect(backupCalls(backupBefore)).toBe(1);
      const [pooled, backup] = await attempts(answer.id);
      expect(pooled).toMatchObject({ tier: "dep-pooled", outcome: "error" });
      expect(pooled!.failovers).toHaveLength(1);
      expect(backup).toMatchObject({ tier: "dep-backup", outcome: "ok" });
    } finally {
      eu.setDefaultBehavior(undefined);
      us.setDefaultBehavior(undefined);
    }
  });

  it("sends the tier's key and headers only to a deployment on the tier's own origin", async () => {
    const [homeBefore, awayBefore] = [h.openai.requests.length, away.requests.length];
    for (let i = 0; i < 40 && (away.requests.length === awayBefore || h.openai.requests.length === homeBefore); i++) {
      await client.chat.completions.create({ model: "frontdesk/dep-keys", messages: [{ role: "user", content: `keys ${i}` }] });
    }
    const home = h.openai.requests.slice(homeBefore).filter((r) => (r.body as { model?: string }).model === "keys-model");
    const elsewhere = away.requests.slice(awayBefore);
    expect(home.length).toBeGreaterThan(0);
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const r of home) expect(r.headers).toMatchObject({ authorization: "Bearer sk-home-secret", "x-org": "org-secret" });
    for (const r of elsewhere) {
      expect(r.headers.authorization ?? "").not.toContain("sk-home-secret");
      expect(r.headers["x-org"]).toBeUndefined();
    }
  });
});
