import { describe, expect, it } from "vitest";
import { parsePrometheusText, sampleSum, sampleValue } from "../testing/prometheus-text";
import { GatewayMetrics, type RequestSample } from "./gateway-metrics";

const sample = (over: Partial<RequestSample> = {}): RequestSample => ({
  api: "chat",
  policy: "default",
  tier: "fast",
  stage: "classifier",
  ok: true,
  httpStatus: 200,
  overheadMs: 0.4,
  escalated: false,
  escalationWaitMs: 0,
  attempts: [{ tier: "fast", ms: 20, outcome: "ok", promptTokens: 10, completionTokens: 5, costUsd: 0.001 }],
  ...over,
});

async function scrape(m: GatewayMetrics) {
  return parsePrometheusText(await m.metrics());
}

describe("GatewayMetrics", () => {
  it("counts requests by policy, tier, stage, api, outcome and status, reusing one child per label set", async () => {
    const m = new GatewayMetrics({ defaultMetrics: false });
    m.observeRequest(sample());
    m.observeRequest(sample());
    m.observeRequest(sample({ api: "messages", ok: false, httpStatus: 502, attempts: [] }));
    const s = await scrape(m);
    expect(sampleValue(s, "frontdesk_requests_total", { policy: "default", tier: "fast", stage: "classifier", api: "chat", outcome: "ok", status: "200" })).toBe(2);
    expect(sampleValue(s, "frontdesk_requests_total", { api: "messages", outcome: "error", status: "502" })).toBe(1);
    expect(s.filter((x) => x.name === "frontdesk_requests_total")).toHaveLength(2);
  });

  it("observes latencies in seconds: added per served tier, upstream per attempt's tier, escalation wait when escalated", async () => {
    const m = new GatewayMetrics({ defaultMetrics: false });
    m.observeRequest(
      sample({
        tier: "capable",
        stage: "classifier",
        overheadMs: 0.3,
        escalated: true,
        escalationWaitMs: 40,
        attempts: [
          { tier: "fast", ms: 40, outcome: "low-confidence", promptTokens: 100, completionTokens: 20, costUsd: 0.0001 },
          { tier: "broken", ms: 0, outcome: "skipped", promptTokens: 0, completionTokens: 0, costUsd: 0 },
          { tier: "capable", ms: 300, outcome: "ok", promptTokens: 100, completionTokens: 50, costUsd: 0.0025 },
        ],
      }),
    );
    const s = await scrape(m);
    expect(sampleValue(s, "frontdesk_added_latency_seconds_count", { tier: "capable" })).toBe(1);
    expect(sampleValue(s, "frontdesk_added_latency_seconds_bucket", { tier: "capable", le: "0.0005" })).toBe(1);
    expect(sampleValue(s, "frontdesk_added_latency_seconds_bucket", { tier: "capable", le: "0.00025" })).toBe(0);
    expect(sampleValue(s, "frontdesk_upstream_latency_seconds_sum", { tier: "fast" })).toBeCloseTo(0.04);
    expect(sampleValue(s, "frontdesk_upstream_latency_seconds_bucket", { tier: "capable", le: "0.25" })).toBe(0);
    expect(sampleValue(s, "frontdesk_upstream_latency_seconds_bucket", { tier: "capable", le: "0.5" })).toBe(1);
    expect(sampleValue(s, "frontdesk_upstream_latency_seconds_count", { tier: "broken" })).toBeUndefined(); // skipped: never called
    expect(sampleValue(s, "frontdesk_escalation_wait_seconds_sum", { tier: "capable" })).toBeCloseTo(0.04);
    expect(sampleValue(s, "frontdesk_escalations_total", { tier: "capable" })).toBe(1);
    expect(sampleValue(s, "frontdesk_tokens_total", { tier: "fast", direction: "in" })).toBe(100);
    expect(sampleValue(s, "frontdesk_tokens_total", { tier: "capable", direction: "out" })).toBe(50);
    expect(sampleSum(s, "frontdesk_cost_usd_total")).toBeCloseTo(0.0026);
  });

  it("reads breakers, the log writer, jobs and classifiers from its sources when scraped", async () => {
    const m = new GatewayMetrics({ defaultMetrics: false });
    let written = 5;
    m.setSources({
      breakers: () => [["fast", "closed"], ["broken", "open"], ["probe", "half-open"]],
      logWriter: () => ({ queued: 3, queuedBytes: 12_288, written, dropped: 1, failedFlushes: 2 }),
      jobs: async () => [
        { type: "retrain-classifier", status: "queued", count: 2 },
        { type: "retrain-classifier", status: "failed", count: 4 },
        { type: "retrain-classifier", status: "succeeded", count: 9 },
      ],
      classifiers: () => [{ policy: "default", version: "0193-abc", kind: "trained" }],
    });
    let s = await scrape(m);
    expect(sampleValue(s, "frontdesk_circuit_breaker_state", { tier: "broken" })).toBe(2);
    expect(sampleValue(s, "frontdesk_circuit_breaker_state", { tier: "probe" })).toBe(1);
    expect(sampleValue(s, "frontdesk_circuit_breaker_state", { tier: "fast" })).toBe(0);
    expect(sampleValue(s, "frontdesk_request_log_queue_rows")).toBe(3);
    expect(sampleValue(s, "frontdesk_request_log_written_rows_total")).toBe(5);
    expect(sampleValue(s, "frontdesk_request_log_dropped_rows_total")).toBe(1);
    expect(sampleValue(s, "frontdesk_jobs", { type: "retrain-classifier", status: "queued" })).toBe(2);
    expect(sampleValue(s, "frontdesk_jobs", { status: "succeeded" })).toBeUndefined();
    expect(sampleValue(s, "frontdesk_job_failures_total", { type: "retrain-classifier" })).toBe(4);
    expect(sampleValue(s, "frontdesk_classifier_info", { policy: "default", version: "0193-abc", kind: "trained" })).toBe(1);
    written = 8;
    s = await scrape(m);
    expect(sampleValue(s, "frontdesk_request_log_written_rows_total")).toBe(8); // the writer's count, not added up
  });

  it("exports only names that follow Prometheus conventions (counters end in _total, units in the name)", async () => {
    const m = new GatewayMetrics({ defaultMetrics: false });
    const families = (await m.metrics()).split("\n").filter((l) => l.startsWith("# TYPE "));
    expect(families.length).toBeGreaterThan(10);
    for (const line of families) {
      const [, , name, type] = line.split(" ");
      expect(name).toMatch(/^frontdesk_[a-z_]+$/);
      if (type === "counter") expect(name).toMatch(/_total$/);
      if (type === "histogram") expect(name).toMatch(/_seconds$/);
    }
  });
});
