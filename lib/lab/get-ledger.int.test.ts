import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/prisma";
import { flushRequestLog, startGatewayHarness, type Harness } from "../testing/gateway-harness";
import { runCli } from "../testing/spawn-gateway";
import { env } from "../env";
import { getLedger, getLedgers } from "./get-ledger";

// The ledger end to end: real gateway traffic (an unsure cheap tier that escalates, a hedge whose
// slow leg loses), rows and rollups written by the request-log writer, the ledger read back from
// the rollups and checked against the raw rows; and the CLI's JSON.

let h: Harness;
let client: OpenAI;
const since = new Date(Date.now() - 60_000);

beforeAll(async () => {
  h = await startGatewayHarness(({ openai }) => ({
    tiers: [
      { name: "lg-unsure", provider: "openai", baseUrl: openai, model: "small-model+lowconf", inputUsdPerMTok: 1, outputUsdPerMTok: 1 },
      { name: "lg-slow", provider: "openai", baseUrl: openai, model: "small-model+delay=600", inputUsdPerMTok: 1, outputUsdPerMTok: 1 },
      { name: "lg-top", provider: "openai", baseUrl: openai, model: "large-model", inputUsdPerMTok: 20, outputUsdPerMTok: 20 },
    ],
    policies: [
      { name: "lg-escalate", tiers: ["lg-unsure", "lg-top"], rules: [{ name: "all", match: { regex: "." }, tier: "lg-unsure" }] },
      { name: "lg-hedge", tiers: ["lg-slow", "lg-top"], bias: 0, hedging: { enabled: true, band: [0, 1], delayMs: 50 }, escalation: { enabled: false } },
    ],
    defaultPolicy: "lg-escalate",
  }));
  client = h.client(await h.key({ name: "ledger" }));
  for (let i = 0; i < 6; i++) await client.chat.completions.create({ model: "frontdesk/lg-escalate", messages: [{ role: "user", content: `Explain ${i}` }] });
  for (let i = 0; i < 4; i++) await client.chat.completions.create({ model: "frontdesk/lg-hedge", messages: [{ role: "user", content: `hi ${i}` }] });
  await flushRequestLog();
});

afterAll(async () => h?.close());

async function rawRows(policy: string) {
  return db.requestLog.findMany({ where: { policyName: policy, createdAt: { gte: since } } });
}

describe("the ledger", () => {
  it("matches the raw rows: baseline, every attempt's cost, escalation waste, escalation latency", async () => {
    const rows = await rawRows("lg-escalate");
    expect(rows).toHaveLength(6);
    const l = await getLedger({ from: since, to: new Date(Date.now() + 60_000), policy: "lg-escalate" });
    expect(l.requests).toBe(6);
    expect(l.actualUsd).toBeCloseTo(rows.reduce((s, r) => s + r.costUsd, 0), 12);
    expect(l.baselineUsd).toBeCloseTo(rows.reduce((s, r) => s + r.baselineCostUsd, 0), 12);
    const discarded = rows.flatMap((r) => (r.latency as { attempts: Array<{ outcome: string; costUsd: number }> }).attempts.filter((a) => a.outcome === "low-confidence"));
    expect(discarded).toHaveLength(6);
    expect(l.escalationWasteUsd).toBeGreaterThan(0);
    expect(l.escalationWasteUsd).toBeCloseTo(discarded.reduce((s, a) => s + a.costUsd, 0), 12);
    expect(l.escalationRate).toBe(1);
    expect(l.escalationLatencyMs.p50).toBeGreaterThan(0);
    expect(l.routerOverheadMs.p50).toBeGreaterThan(0);
    expect(l.tierShares).toEqual([{ tier: "lg-top", requests: 6, share: 1 }]);
  });

  it("counts a hedge's losing leg as hedge waste", async () => {
    const rows = await rawRows("lg-hedge");
    const lost = rows.flatMap((r) => (r.latency as { attempts: Array<{ outcome: string; costUsd: number }> }).attempts.filter((a) => a.outcome === "hedge-lost"));
    expect(lost.length).toBeGreaterThan(0);
    const { policies } = await getLedgers({ from: since, to: new Date(Date.now() + 60_000) });
    const l = policies.find((p) => p.policy === "lg-hedge")!;
    expect(l.hedgeWasteUsd).toBeGreaterThan(0);
    expect(l.hedgeWasteUsd).toBeCloseTo(lost.reduce((s, a) => s + a.costUsd, 0), 12);
  });

  it("answers `npx frontdesk ledger --json` in the documented shape", async () => {
    const out = JSON.parse(await runCli(["ledger", "--since", "1h", "--policy", "lg-escalate", "--json"], env().DATABASE_URL!));
    expect(out).toMatchObject({
      requests: 6,
      baselineUsd: expect.any(Number),
      actualUsd: expect.any(Number),
      escalationWasteUsd: expect.any(Number),
      hedgeWasteUsd: 0,
      netSavingsPct: expect.any(Number),
      escalationLatencyMs: { p50: expect.any(Number), p95: expect.any(Number) },
      routerOverheadMs: { p50: expect.any(Number), p95: expect.any(Number) },
      verdict: { worthIt: expect.any(Boolean), reasons: expect.any(Array) },
    });
    await expect(runCli(["ledger", "--since", "yesterday"], env().DATABASE_URL!)).rejects.toThrow(/--since must be a duration/);
  });
});
