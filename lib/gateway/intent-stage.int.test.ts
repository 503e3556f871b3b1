import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "../../app/api/admin/config/route";
import { PATCH as patchPolicy } from "../../app/api/admin/policies/[name]/route";
import { POST as signInRoute } from "../../app/api/auth/sign-in/route";
import { loadGatewayConfig } from "../config/load-gateway-config";
import { db } from "../db/prisma";
import { flushRequestLog, startGatewayHarness, type Harness } from "../testing/gateway-harness";
import { cookieFrom, jsonRequest, makeUser, routeParams } from "../testing/requests";

// The shipped CLINC150 intent model: "weather" and the "travel" domain go to the cheap tier.
const WEATHER = "What's the weather like in Paris tomorrow?";
const TRAVEL = "I lost my luggage at the airport";
const OUT_OF_SCOPE = "Prove that there are infinitely many primes. Then compare three different proofs step by step, explain the tradeoffs, and write Python code that checks the first 10,000 primes.";

let h: Harness;
let client: OpenAI;

beforeAll(async () => {
  h = await startGatewayHarness(({ openai }) => ({
    tiers: [
      { name: "it-fast", provider: "openai", baseUrl: openai, model: "small-model", apiKey: "sk-up", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "it-capable", provider: "openai", baseUrl: openai, model: "large-model", apiKey: "sk-up", inputUsdPerMTok: 10, outputUsdPerMTok: 30 },
    ],
    policies: [
      { name: "it-default", tiers: ["it-fast", "it-capable"], intent: { enabled: true, map: { weather: "it-fast", "domain:travel": "it-fast" } } },
      { name: "it-unsure", tiers: ["it-fast", "it-capable"], fallback: "cost-first", intent: { enabled: true, map: { weather: "it-fast" }, outOfScope: "fallback-mode" } },
      { name: "it-off", tiers: ["it-fast", "it-capable"] },
    ],
    defaultPolicy: "it-default",
  }));
  client = h.client(await h.key({ name: "intent" }));
});

afterAll(async () => h?.close());

async function chat(content: string, policy = "it-default") {
  const { response } = await client.chat.completions
    .create({ model: `frontdesk/${policy}`, messages: [{ role: "user", content }] })
    .withResponse();
  const id = response.headers.get("x-frontdesk-decision-id")!;
  await flushRequestLog();
  const row = await db.requestLog.findUniqueOrThrow({ where: { id } });
  return { tier: response.headers.get("x-frontdesk-tier"), stage: response.headers.get("x-frontdesk-stage"), row };
}

describe("the intent stage through the gateway", () => {
  it("loads the shipped model into the snapshot when a policy enables the stage", async () => {
    const config = await loadGatewayConfig();
    expect(config.snapshot.intentModel?.id).toBe("clinc150-v1");
    expect(config.warnings.filter((w) => w.includes("intent"))).toEqual([]);
  });

  it("decides a mapped intent (and a mapped domain) with stage intent, and logs the prediction", async () => {
    const weather = await chat(WEATHER);
    expect(weather).toMatchObject({ tier: "it-fast", stage: "intent" });
    expect(weather.row).toMatchObject({ stage: "intent", tierName: "it-fast", uncertainty: 0 });
    expect(weather.row.reason).toMatch(/^Intent "weather" \(p 0\.\d\d\) → it-fast\.$/);
    expect((weather.row.decision as { intent: { intent: string } }).intent.intent).toBe("weather");
    const travel = await chat(TRAVEL);
    expect(travel).toMatchObject({ tier: "it-fast", stage: "intent" });
    expect(travel.row.reason).toContain("(domain:travel)");
  });

  it("an out-of-scope prompt is not decided by the intent stage; it is marked uncertain", async () => {
    const { stage, row } = await chat(OUT_OF_SCOPE);
    expect(stage).toBe("classifier");
    expect(row.uncertainty).toBe(1);
    const decision = row.decision as { intent: { outOfScope: boolean }; labelCandidate: string | null; trace: Array<{ stage: string; detail: string }> };
    expect(decision.intent.outOfScope).toBe(true);
    expect(decision.labelCandidate).not.toBeNull();
    expect(decision.trace.find((s) => s.stage === "intent")?.detail).toMatch(/^out of scope/);
  });

  it("in fallback-mode an out-of-scope prompt takes the policy's fallback tier", async () => {
    const { tier, stage, row } = await chat(OUT_OF_SCOPE, "it-unsure");
    expect({ tier, stage }).toEqual({ tier: "it-fast", stage: "intent" });
    expect(row.reason).toContain("Out of scope");
  });

  it("a policy without the stage never runs it", async () => {
    const { stage, row } = await chat(WEATHER, "it-off");
    expect(stage).not.toBe("intent");
    expect((row.decision as { trace: Array<{ stage: string }> }).trace.some((s) => s.stage === "intent")).toBe(false);
  });
});

describe("the intent group in config as code and the policy API", () => {
  it("exports the stored group and refuses a PATCH mapping to a tier outside the policy", async () => {
    const cookieOf = async (role: "admin") => {
      const user = await makeUser(role);
      return cookieFrom(await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: user.email, password: user.password } })));
    };
    const cookie = await cookieOf("admin");
    const exported = await (await exportRoute(jsonRequest("GET", "/api/admin/config", { cookie }))).json();
    const policy = exported.policies.find((p: { name: string }) => p.name === "it-unsure");
    expect(policy.intent).toEqual({ enabled: true, map: { weather: "it-fast" }, minConfidence: 0.5, outOfScope: "fallback-mode" });

    const patch = (body: unknown) => patchPolicy(jsonRequest("PATCH", "/api/admin/policies/it-unsure", { body, cookie }), routeParams({ name: "it-unsure" }));
    const bad = await patch({ intent: { map: { weather: "nope" } } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('intent.map.weather: unknown tier \\"nope\\"');
    const ok = await patch({ intent: { minConfidence: 0.7, map: { balance: "it-capable" } } });
    expect(ok.status).toBe(200);
    expect((await ok.json()).policy.intent).toEqual({ enabled: true, map: { balance: "it-capable" }, minConfidence: 0.7, outOfScope: "fallback-mode" });
  });
});
