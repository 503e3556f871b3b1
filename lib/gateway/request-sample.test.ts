import { describe, expect, it } from "vitest";
import type { RequestLogInsert } from "../db/request-log-repo";
import { NO_POLICY, requestSample } from "./request-sample";

const attempts = [
  { tier: "fast", model: "m", ms: 40, outcome: "low-confidence", promptTokens: 10, completionTokens: 3, costUsd: 0.0001 },
  { tier: "capable", model: "M", ms: 300, outcome: "ok", promptTokens: 10, completionTokens: 30, costUsd: 0.002 },
];

describe("requestSample", () => {
  it("reads a routed request's row: labels, latencies and every attempt", () => {
    const row = {
      id: "0193",
      api: "messages",
      policyName: "default",
      tierName: "capable",
      stage: "escalation",
      status: "ok",
      httpStatus: 200,
      overheadMs: 0.2,
      escalated: true,
      escalationWaitMs: 40,
      latency: { routingMs: 0.05, overheadMs: 0.2, escalationWaitMs: 40, attempts },
    } as unknown as RequestLogInsert;
    expect(requestSample(row)).toEqual({ api: "messages", policy: "default", tier: "capable", stage: "escalation", ok: true, httpStatus: 200, overheadMs: 0.2, escalated: true, escalationWaitMs: 40, attempts });
  });

  it("fills what an embeddings or failed row leaves out: no policy, defaults of the columns", () => {
    const row = { id: "0194", api: "embeddings", tierName: "embed", stage: "bypass", status: "error", httpStatus: 502, latency: {} } as unknown as RequestLogInsert;
    expect(requestSample(row)).toMatchObject({ api: "embeddings", policy: NO_POLICY, tier: "embed", ok: false, httpStatus: 502, overheadMs: 0, escalated: false, escalationWaitMs: 0, attempts: [] });
  });
});
