import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type OpenAI from "openai";
import { db } from "../db/prisma";
import { loadTrainingRows } from "../jobs/retrain/training-rows";
import { getLedger } from "../lab/get-ledger";
import { flushRequestLog, startGatewayHarness, type Harness } from "../testing/gateway-harness";
import { gatewayRuntime } from "./gateway-runtime";

// Shadow evaluation behind the real gateway, with real HTTP upstreams: the answer goes out first
// and unchanged; the shadow call and the judge run after it; tool calls are compared by equality;
// the daily cap stops shadow calls; what they cost shows in the ledger.

let h: Harness;
let client: OpenAI;
const all = (tier: string) => [{ name: "all", match: { regex: "." }, tier }];
const reply = (text: string) => `+reply=${encodeURIComponent(text)}`;

beforeAll(async () => {
  h = await startGatewayHarness(({ openai }) => ({
    tiers: [
      { name: "small", provider: "openai", baseUrl: openai, model: `small-model${reply("small answer")}`, inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.1 },
      { name: "large", provider: "openai", baseUrl: openai, model: `large-model${reply("large answer")}+delay=400`, inputUsdPerMTok: 10, outputUsdPerMTok: 10 },
      { name: "judge", provider: "openai", baseUrl: openai, model: `judge-model${reply("A")}`, inputUsdPerMTok: 5, outputUsdPerMTok: 5 },
      { name: "tools-small", provider: "openai", baseUrl: openai, model: "tools-small+tool", inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.1 },
      { name: "tools-large", provider: "openai", baseUrl: openai, model: "tools-large+tool", inputUsdPerMTok: 10, outputUsdPerMTok: 10 },
    ],
    policies: [
      { name: "shadowed", tiers: ["small", "large"], rules: all("small"), escalation: { enabled: false }, shadow: { enabled: true, rate: 1, dailyUsdCap: 5, judgeTier: "judge" } },
      { name: "agents", tiers: ["tools-small", "tools-large"], rules: all("tools-small"), escalation: { enabled: false }, shadow: { enabled: true, rate: 1, dailyUsdCap: 5 } },
      { name: "capped", tiers: ["small", "large"], rules: all("small"), escalation: { enabled: false }, shadow: { enabled: true, rate: 1, dailyUsdCap: 0, judgeTier: "judge" } },
      { name: "off", tiers: ["small", "large"], rules: all("small"), escalation: { enabled: false } },
    ],
    defaultPolicy: "shadowed",
  }));
  client = h.client(await h.key({ name: "shadow" }));
});

afterAll(async () => h?.close());

const models = (since: number) => h.openai.requests.slice(since).map((r) => (r.body as { model: string }).model.split("+")[0]);
const pairsOf = (requestId: string) => db.shadowPair.findMany({ where: { requestId } });

describe("shadow evaluation", () => {
  it("answers first and unchanged, then asks the next tier up and lets the judge grade the pair in random order", async () => {
    const since = h.openai.requests.length;
    const verdicts = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const { data, response } = await client.chat.completions.create({ model: "frontdesk/shadowed", messages: [{ role: "user", content: `What is ${i} + 1?` }] }).withResponse();
      expect(data.choices[0]!.message.content).toBe("small answer");
      expect(response.headers.get("x-frontdesk-tier")).toBe("small");
      const id = response.headers.get("x-frontdesk-decision-id")!;
      // the large tier takes 400 ms: the answer was out before the shadow call came back
      expect(await pairsOf(id)).toHaveLength(0);
      await gatewayRuntime().backgroundSettled();
      const [pair] = await pairsOf(id);
      expect(pair).toMatchObject({ policyName: "shadowed", servedTier: "small", shadowTier: "large", judgeTier: "judge", method: "judge", servedAnswer: "small answer", shadowAnswer: "large answer" });
      expect(pair!.shadowCostUsd).toBeGreaterThan(0);
      expect(pair!.judgeCostUsd).toBeGreaterThan(0);
      // the judge always says "A": the verdict names whichever answer was shown first
      const judged = h.openai.requests.filter((r) => (r.body as { model: string }).model.startsWith("judge-model")).at(-1)!;
      const prompt = (judged.body as { messages: Array<{ content: string }> }).messages[0]!.content;
      const servedShownFirst = prompt.indexOf("small answer") < prompt.indexOf("large answer");
      expect(pair!.verdict).toBe(servedShownFirst ? "served-better" : "shadow-better");
      expect(prompt).toContain(`What is ${i} + 1?`);
      verdicts.add(pair!.verdict);
    }
    expect(models(since).filter((m) => m === "large-model")).toHaveLength(6);
    expect(verdicts.size).toBe(2); // both orders came up (1 in 32 chance of failing by luck)
  });

  it("shadows a streamed answer too, after the stream ended", async () => {
    const stream = await client.chat.completions.create({ model: "frontdesk/shadowed", stream: true, messages: [{ role: "user", content: "Stream it" }] }).withResponse();
    let text = "";
    for await (const chunk of stream.data) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe("small answer");
    await gatewayRuntime().backgroundSettled();
    const [pair] = await pairsOf(stream.response.headers.get("x-frontdesk-decision-id")!);
    expect(pair).toMatchObject({ servedTier: "small", shadowTier: "large", servedAnswer: "small answer", shadowAnswer: "large answer" });
  });

  it("compares tool calls by equality, with no judge", async () => {
    const since = h.openai.requests.length;
    const tools = [{ type: "function" as const, function: { name: "lookup_order", parameters: { type: "object", properties: {} } } }];
    const { data, response } = await client.chat.completions.create({ model: "frontdesk/agents", tools, messages: [{ role: "user", content: "Where is my order?" }] }).withResponse();
    expect(data.choices[0]!.message.tool_calls?.[0]).toMatchObject({ function: { name: "lookup_order" } });
    await gatewayRuntime().backgroundSettled();
    const [pair] = await pairsOf(response.headers.get("x-frontdesk-decision-id")!);
    expect(pair).toMatchObject({ method: "equality", verdict: "equal", shadowTier: "tools-large", judgeTier: null, judgeCostUsd: 0 });
    expect(models(since)).toEqual(["tools-small", "tools-large"]);
  });

  it("stops at the daily cap, and a policy without shadowing never shadows", async () => {
    const since = h.openai.requests.length;
    for (const policy of ["capped", "off"]) {
      const { response } = await client.chat.completions.create({ model: `frontdesk/${policy}`, messages: [{ role: "user", content: "Hello" }] }).withResponse();
      await gatewayRuntime().backgroundSettled();
      expect(await pairsOf(response.headers.get("x-frontdesk-decision-id")!)).toHaveLength(0);
    }
    expect(models(since)).toEqual(["small-model", "small-model"]);
  });

  it("puts what shadowing cost in the ledger, subtracted from the net saving", async () => {
    await flushRequestLog();
    const ledger = await getLedger({ policy: "shadowed", from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) });
    const pairs = await db.shadowPair.findMany({ where: { policyName: "shadowed" } });
    expect(ledger.shadowPairs).toBe(pairs.length);
    expect(ledger.shadowUsd).toBeCloseTo(pairs.reduce((s, p) => s + p.shadowCostUsd + p.judgeCostUsd, 0), 9);
    expect(ledger.netSavingsUsd).toBeCloseTo(ledger.baselineUsd - ledger.actualUsd - ledger.shadowUsd, 9);
  });

  it("turns graded pairs into training rows for retraining: the tier above winning makes it the cheapest good tier", async () => {
    const tiers = [{ name: "small", model: "small-model" }, { name: "large", model: "large-model" }];
    const { rows, counts } = await loadTrainingRows("shadowed", tiers, { datasetIds: [], includeLabels: false, includeEscalations: false, includeShadow: true });
    const pairs = await db.shadowPair.findMany({ where: { policyName: "shadowed", verdict: { not: "failed" } } });
    expect(counts.shadow).toBe(pairs.length);
    for (const pair of pairs) {
      const row = rows.find((r) => r.id === `shadow:${pair.requestId}`)!;
      expect(row.tags.source).toBe("shadow");
      expect(row.outcomes.small!.score).toBe(pair.verdict === "shadow-better" ? 0 : 1);
      expect(row.outcomes.large!.score).toBe(1);
      expect(row.input.messages.at(-1)!.content).toMatch(/^(What is \d \+ 1\?|Stream it)$/);
    }
  });
});
