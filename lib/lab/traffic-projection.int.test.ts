import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type OpenAI from "openai";
import { projectBias } from "../routing/project-bias";
import { flushRequestLog, startGatewayHarness, type Harness } from "../testing/gateway-harness";
import { gatewayRuntime } from "../gateway/gateway-runtime";
import { MIN_TRAFFIC_ROWS, projectionSample } from "./traffic-projection";
import { insertClassifierVersion } from "../db/classifier-repo";
import { db } from "../db/prisma";
import { promotionImpact } from "./promotion-impact";

// The bias slider's projection on the policy's own traffic: real requests through the real
// gateway, then the projection at the saved bias must land on what the ledger measured over the
// same days (no escalation here, so no waste between them); too little traffic falls back to the
// shipped prior and says so.

let h: Harness;
let client: OpenAI;
const prompts = readFileSync(path.resolve("data/routing/dcrouter-test.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { prompt: string }).prompt);

beforeAll(async () => {
  h = await startGatewayHarness(({ openai }) => ({
    tiers: [
      { name: "small", provider: "openai", baseUrl: openai, model: "small-model+tokens=20", inputUsdPerMTok: 0.2, outputUsdPerMTok: 0.8 },
      { name: "large", provider: "openai", baseUrl: openai, model: "large-model+tokens=20", inputUsdPerMTok: 5, outputUsdPerMTok: 15 },
    ],
    policies: [
      { name: "busy", tiers: ["small", "large"], bias: 0.5, escalation: { enabled: false }, hedging: { enabled: false } },
      { name: "quiet", tiers: ["small", "large"], bias: 0.5, escalation: { enabled: false } },
    ],
    defaultPolicy: "busy",
  }));
  client = h.client(await h.key({ name: "projection" }));
  const n = MIN_TRAFFIC_ROWS + 40;
  for (let i = 0; i < n; i += 20) {
    await Promise.all(prompts.slice(i, i + 20).map((content) => client.chat.completions.create({ model: "frontdesk/busy", messages: [{ role: "user", content }] })));
  }
  await client.chat.completions.create({ model: "frontdesk/quiet", messages: [{ role: "user", content: "Hello" }] });
  await gatewayRuntime().backgroundSettled();
  await flushRequestLog();
}, 120_000);

afterAll(async () => h?.close());

describe("the slider's projection", () => {
  it("comes from the policy's own traffic and agrees with the ledger at the saved bias", async () => {
    const sample = await projectionSample("busy");
    expect(sample.basis).toBe("traffic");
    expect(sample.rows.length).toBe(MIN_TRAFFIC_ROWS + 40);
    expect(sample.evidence).toEqual({ labels: 0, shadow: 0, classifier: MIN_TRAFFIC_ROWS + 40 });
    expect(sample.basisNote).toContain("The newest 240 answered requests of the last 14 days");
    const { snapshot } = (await gatewayRuntime().reload());
    const policy = snapshot.policies.get("busy")!;
    const tiers = [...snapshot.tiers.values()];
    const today = projectBias(sample.rows, policy, tiers, policy.bias);
    expect(sample.today).not.toBeNull();
    expect(sample.today!.requests).toBe(MIN_TRAFFIC_ROWS + 40);
    expect(today.shares[0]).toBeGreaterThan(0); // both tiers served: the test says something
    expect(today.shares[1]).toBeGreaterThan(0);
    expect(today.costPer1k).toBeCloseTo(sample.today!.costPer1k, 6);
    expect(today.quality).toBeCloseTo(sample.today!.quality!, 6);
    // and a higher bias costs more and delivers more
    const low = projectBias(sample.rows, policy, tiers, 0.1);
    const high = projectBias(sample.rows, policy, tiers, 0.9);
    expect(high.costPer1k).toBeGreaterThan(low.costPer1k);
    expect(high.quality).toBeGreaterThan(low.quality);
  });

  it("falls back to the shipped prior, and says why, when the policy has too little traffic", async () => {
    const sample = await projectionSample("quiet");
    expect(sample.basis).toBe("prior");
    expect(sample.basisNote).toMatch(/Only 1 of this policy's requests .* \(200 needed\): the shipped prior stands in/);
    expect(sample.today).toBeNull();
  });
});

describe("a candidate's promotion impact", () => {
  it("routes the same requests with the current and the candidate classifier at the saved bias, priced at the 7-day volume", async () => {
    const artifact = JSON.parse(readFileSync(path.resolve("lib/classifier/default-model.json"), "utf8"));
    const policy = await db.policy.findUniqueOrThrow({ where: { name: "busy" }, select: { id: true } });
    const version = await insertClassifierVersion({ name: "busy-impact-candidate", policyId: policy.id, artifact, metrics: {}, dataSummary: {}, jobId: null });
    const impact = await promotionImpact(version.id);
    expect(impact).toMatchObject({ policy: "busy", basis: "traffic", bias: 0.5, tiers: ["small", "large"], n: MIN_TRAFFIC_ROWS + 40, requestsLastWeek: MIN_TRAFFIC_ROWS + 40 });
    expect(impact.monthlyRequests).toBe(Math.round(((MIN_TRAFFIC_ROWS + 40) * 30) / 7));
    expect(impact.before.classifier).toBe("built-in scorer");
    expect(impact.after.classifier).toBe("busy-impact-candidate");
    expect(impact.source).toMatch(/^240 requests of this policy with a stored prompt/);

    // "before" is the slider's own projection at the saved bias (every request here has its prompt stored)
    const sample = await projectionSample("busy");
    const { snapshot } = await gatewayRuntime().reload();
    const today = projectBias(sample.rows, snapshot.policies.get("busy")!, [...snapshot.tiers.values()], 0.5);
    expect(impact.before.costPer1k).toBeCloseTo(today.costPer1k, 9);
    expect(impact.before.quality).toBeCloseTo(today.quality, 9);
    expect(impact.before.costPerMonth).toBeCloseTo((today.costPer1k / 1000) * impact.monthlyRequests, 9);
    // the candidate routes differently, and is judged on the same per-request qualities
    expect(impact.after.shares).not.toEqual(impact.before.shares);
    expect(impact.costChange).toBeCloseTo(impact.after.costPer1k / impact.before.costPer1k - 1, 9);
    expect(impact.warnings.some((w) => w.startsWith("Cost rises"))).toBe(impact.costChange! > 0.1);
  });

  it("refuses an unknown or already active version", async () => {
    await expect(promotionImpact("00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "not_found" });
    const policy = await db.policy.findUniqueOrThrow({ where: { name: "quiet" }, select: { id: true } });
    const active = await insertClassifierVersion({ name: "quiet-active", policyId: policy.id, artifact: {}, metrics: {}, dataSummary: {}, jobId: null, status: "active" });
    await expect(promotionImpact(active.id)).rejects.toMatchObject({ code: "conflict" });
  });
});
