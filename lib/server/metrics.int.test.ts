/**
 * GET /metrics over HTTP after real traffic through the gateway (upstream test servers, the fast
 * path `npm start` and `npm run gateway` serve): the counters and histograms moved with the right
 * labels, scrape-time readings (breakers, log writer, jobs, classifier) are there, and
 * METRICS_TOKEN guards the endpoint.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/prisma";
import { resetEnvCache } from "../env";
import { gatewayRuntime } from "../gateway/gateway-runtime";
import { flushRequestLog, startGatewayHarness, type Harness } from "../testing/gateway-harness";
import { spawnGateway } from "../testing/spawn-gateway";
import { parsePrometheusText, sampleSum, sampleValue, type PromSample } from "../testing/prometheus-text";

const catchAll = (tier: string) => [{ name: "all", match: { regex: "." }, tier }];

let h: Harness;
let key: string;
let client: OpenAI;

beforeAll(async () => {
  h = await startGatewayHarness(({ openai }) => ({
    tiers: [
      { name: "fast", provider: "openai", baseUrl: openai, model: "small-model", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "capable", provider: "openai", baseUrl: openai, model: "large-model", inputUsdPerMTok: 10, outputUsdPerMTok: 30 },
      { name: "lowconf", provider: "openai", baseUrl: openai, model: "small-model+lowconf", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "broken", provider: "openai", baseUrl: openai, model: "small-model+status=500", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
    ],
    policies: [
      { name: "default", tiers: ["fast", "capable"], rules: [{ name: "hours", match: { keywords: ["opening hours"] }, tier: "fast" }] },
      { name: "escalating", tiers: ["lowconf", "capable"], rules: catchAll("lowconf") },
      { name: "p-500", tiers: ["broken", "capable"], rules: catchAll("broken") },
    ],
    defaultPolicy: "default",
  }));
  // before the first scrape: job counts are read from Postgres at most every 15 s
  await db.job.createMany({
    data: [
      { type: "metrics-test", status: "queued", payload: {} },
      { type: "metrics-test", status: "queued", payload: {} },
      { type: "metrics-test", status: "failed", payload: {}, error: "boom" },
    ],
  });
  key = await h.key({ name: "metrics" });
  client = h.client(key);
});

afterAll(async () => {
  delete process.env.METRICS_TOKEN;
  resetEnvCache();
  await h?.close();
});

async function scrape(headers: Record<string, string> = {}): Promise<PromSample[]> {
  const res = await fetch(`${h.url}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
  return parsePrometheusText(await res.text());
}

const ask = (model: string, content: string) => client.chat.completions.create({ model, messages: [{ role: "user", content }] });

describe("GET /metrics", () => {
  it("shows the requests, latencies, tokens and cost of real traffic, labelled by policy, tier, stage, api and status", async () => {
    const before = await scrape();
    const served = (s: PromSample[]) => sampleValue(s, "frontdesk_requests_total", { policy: "default", tier: "fast", stage: "rule", api: "chat", outcome: "ok", status: "200" }) ?? 0;
    for (let i = 0; i < 3; i++) await ask("frontdesk/default", "What are your opening hours?");
    await ask("frontdesk/escalating", "Explain it");
    const messages = await fetch(`${h.url}/api/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": key, "content-type": "application/json" },
      body: JSON.stringify({ model: "frontdesk/default", max_tokens: 50, messages: [{ role: "user", content: "opening hours on a holiday?" }] }),
    });
    expect(messages.status).toBe(200);
    await flushRequestLog(); // rows (and so the metrics) are recorded once the answers are out

    const after = await scrape();
    expect(served(after) - served(before)).toBe(3);
    expect(sampleValue(after, "frontdesk_requests_total", { policy: "default", tier: "fast", stage: "rule", api: "messages", status: "200" })).toBe(1);
    expect(sampleValue(after, "frontdesk_requests_total", { policy: "escalating", tier: "capable", stage: "escalation", api: "chat", outcome: "ok" })).toBe(1);
    expect(sampleValue(after, "frontdesk_escalations_total", { tier: "capable" })).toBe(1);
    expect(sampleValue(after, "frontdesk_escalation_wait_seconds_count", { tier: "capable" })).toBe(1);
    expect(sampleValue(after, "frontdesk_escalation_wait_seconds_sum", { tier: "capable" })).toBeGreaterThan(0);

    // histograms: cumulative buckets ending at +Inf = count, per tier
    const count = sampleValue(after, "frontdesk_added_latency_seconds_count", { tier: "fast" })!;
    expect(count).toBe(4);
    expect(sampleValue(after, "frontdesk_added_latency_seconds_bucket", { tier: "fast", le: "+Inf" })).toBe(count);
    const buckets = after.filter((s) => s.name === "frontdesk_added_latency_seconds_bucket" && s.labels.tier === "fast").map((s) => s.value);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    expect(sampleValue(after, "frontdesk_upstream_latency_seconds_count", { tier: "fast" })).toBe(4);
    expect(sampleValue(after, "frontdesk_upstream_latency_seconds_count", { tier: "lowconf" })).toBe(1); // the escalated request's first attempt
    expect(sampleValue(after, "frontdesk_upstream_latency_seconds_sum", { tier: "capable" })).toBeGreaterThan(0);

    // tokens and cost per attempt's tier, as the log rows have them
    const keyId = (await db.apiKey.findFirstOrThrow({ where: { name: "metrics" } })).id; // rows of earlier test files share the database
    const rows = await db.requestLog.findMany({ where: { tierName: "fast", apiKeyId: keyId }, select: { promptTokens: true, completionTokens: true, costUsd: true } });
    expect(sampleValue(after, "frontdesk_tokens_total", { tier: "fast", direction: "in" })).toBe(rows.reduce((s, r) => s + r.promptTokens, 0));
    expect(sampleValue(after, "frontdesk_tokens_total", { tier: "fast", direction: "out" })).toBe(rows.reduce((s, r) => s + r.completionTokens, 0));
    expect(sampleValue(after, "frontdesk_cost_usd_total", { tier: "fast" })).toBeCloseTo(rows.reduce((s, r) => s + r.costUsd, 0), 12);
    expect(sampleValue(after, "frontdesk_tokens_total", { tier: "lowconf", direction: "in" })).toBeGreaterThan(0);

    // the request-log writer wrote them all; process metrics are there too
    expect(sampleValue(after, "frontdesk_request_log_written_rows_total")).toBeGreaterThanOrEqual(5);
    expect(sampleValue(after, "frontdesk_request_log_queue_rows")).toBe(0);
    expect(sampleValue(after, "frontdesk_request_log_dropped_rows_total")).toBe(0);
    expect(sampleValue(after, "process_cpu_seconds_total")).toBeGreaterThan(0);
    // never a request id or key as a label
    for (const s of after) for (const v of Object.values(s.labels)) expect(v).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|fd_|sk-/);
  });

  it("counts failed upstream calls and shows an open breaker", async () => {
    for (let i = 0; i < 6; i++) await ask("frontdesk/p-500", `attempt ${i}`);
    await flushRequestLog();
    const s = await scrape();
    expect(sampleValue(s, "frontdesk_circuit_breaker_state", { tier: "broken" })).toBe(2);
    expect(sampleValue(s, "frontdesk_circuit_breaker_state", { tier: "fast" })).toBe(0);
    expect(sampleValue(s, "frontdesk_circuit_breaker_state", { tier: "capable" })).toBe(0);
    expect(sampleSum(s, "frontdesk_requests_total", { policy: "p-500", tier: "capable", stage: "fallback" })).toBe(6);
    expect(sampleValue(s, "frontdesk_upstream_latency_seconds_count", { tier: "broken" })).toBe(5); // the sixth was refused by the open breaker
  });

  it("reports the classifier each policy routes with, and jobs from the Job table", async () => {
    const s = await scrape();
    expect(sampleValue(s, "frontdesk_classifier_info", { policy: "default" })).toBe(1);
    expect(s.find((x) => x.name === "frontdesk_classifier_info" && x.labels.policy === "default")!.labels).toMatchObject({ version: "builtin", kind: "heuristic" });
    expect(sampleValue(s, "frontdesk_jobs", { type: "metrics-test", status: "queued" })).toBe(2);
    expect(sampleValue(s, "frontdesk_job_failures_total", { type: "metrics-test" })).toBe(1);
  });

  it("shows a promoted classifier as soon as the gateway has reloaded", async () => {
    const artifact = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../classifier/default-model.json"), "utf8")) as { id: string; tiers: string[] };
    expect(artifact.tiers).toEqual(["fast", "capable"]); // the "default" policy's tiers
    const policy = await db.policy.findUniqueOrThrow({ where: { name: "default" } });
    const version = await db.classifierVersion.create({ data: { name: "metrics test", policyId: policy.id, artifact: artifact as never, status: "active", promotedAt: new Date() } });
    await db.policy.update({ where: { id: policy.id }, data: { activeClassifierVersionId: version.id } });
    try {
      await gatewayRuntime().reload();
      const s = await scrape();
      expect(s.find((x) => x.name === "frontdesk_classifier_info" && x.labels.policy === "default")!.labels).toMatchObject({ version: artifact.id, kind: "trained" });
      expect(s.filter((x) => x.name === "frontdesk_classifier_info" && x.labels.policy === "default")).toHaveLength(1);
    } finally {
      await db.policy.update({ where: { id: policy.id }, data: { activeClassifierVersionId: null } });
      await db.classifierVersion.delete({ where: { id: version.id } });
      await gatewayRuntime().reload();
    }
  });

  it("answers 401 with WWW-Authenticate without the token or with a wrong one when METRICS_TOKEN is set", async () => {
    process.env.METRICS_TOKEN = "scrape-token-0123456789";
    resetEnvCache();
    try {
      for (const headers of [{} as Record<string, string>, { authorization: "Bearer wrong-token-0123456789" }, { authorization: "Basic c2NyYXBlOnRva2Vu" }, { authorization: `Bearer ${key}` }]) {
        const res = await fetch(`${h.url}/metrics`, { headers });
        expect(res.status).toBe(401);
        expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
        expect(await res.text()).not.toContain("frontdesk_requests_total");
      }
      const s = await scrape({ authorization: "Bearer scrape-token-0123456789" });
      expect(sampleSum(s, "frontdesk_requests_total")).toBeGreaterThan(0);
    } finally {
      delete process.env.METRICS_TOKEN;
      resetEnvCache();
    }
  });

  it("counts requests refused before routing, by API and status", async () => {
    const refusedCount = (s: PromSample[], status: string) => sampleValue(s, "frontdesk_refused_requests_total", { api: "chat", status }) ?? 0;
    const before = await scrape();
    const post = (headers: Record<string, string>, body: unknown) =>
      fetch(`${h.url}/api/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }).then(async (r) => (await r.text(), r.status));
    expect(await post({ authorization: "Bearer fd_not-a-key" }, { model: "frontdesk/auto", messages: [{ role: "user", content: "hi" }] })).toBe(401);
    expect(await post({ authorization: `Bearer ${key}` }, { messages: [{ role: "user", content: "no model" }] })).toBe(400);
    const after = await scrape();
    expect(refusedCount(after, "401") - refusedCount(before, "401")).toBe(1);
    expect(refusedCount(after, "400") - refusedCount(before, "400")).toBe(1);
    expect(sampleSum(after, "frontdesk_requests_total") - sampleSum(before, "frontdesk_requests_total")).toBe(0); // no log row, no routed request
  });

  it("is served by a gateway-only instance (npm run gateway), behind its token; METRICS_ENABLED=false answers 404 and still routes", async () => {
    const token = "instance-token-0123456789";
    const [on, off] = await Promise.all([spawnGateway(process.env.DATABASE_URL!, { METRICS_TOKEN: token }), spawnGateway(process.env.DATABASE_URL!, { METRICS_ENABLED: "false" })]);
    try {
      for (const g of [on, off]) {
        const res = await fetch(`${g.url}/api/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify({ model: "frontdesk/auto", messages: [{ role: "user", content: "opening hours?" }] }) });
        expect(res.status).toBe(200);
        await res.text();
      }
      await new Promise((r) => setTimeout(r, 200)); // the row (and the metrics) are recorded once the answer is out
      expect((await fetch(`${on.url}/metrics`)).status).toBe(401);
      const res = await fetch(`${on.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const s = parsePrometheusText(await res.text());
      expect(sampleValue(s, "frontdesk_requests_total", { policy: "default", tier: "fast", stage: "rule", api: "chat", status: "200" })).toBe(1);
      expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
    } finally {
      await Promise.all([on.stop(), off.stop()]);
    }
  }, 90_000);
});
