import { describe, expect, it } from "vitest";
import { attemptPart, formatMicros, inboundApiPath, prepareLatencyBreakdown, prepareTrace, snippetText } from "./prepare-request-detail";

describe("prepareLatencyBreakdown", () => {
  it("stacks routing, each attempt and overhead into one bar, labelled by outcome", () => {
    const latency = {
      routingMs: 0.4,
      overheadMs: 0.6,
      attempts: [
        { tier: "fast", model: "m", ms: 300, outcome: "low-confidence" as const, promptTokens: 10, completionTokens: 5, costUsd: 0 },
        { tier: "capable", model: "m", ms: 1200, outcome: "ok" as const, promptTokens: 10, completionTokens: 5, costUsd: 0 },
      ],
    };
    const { data, series, otherMs } = prepareLatencyBreakdown(latency, 1502);
    expect(data).toEqual([{ name: "This request", routing: 0.4, a0: 300, a1: 1200, overhead: 0.6 }]);
    expect(series.map((s) => s.label)).toEqual(["Routing", "1. fast (low confidence → escalated)", "2. capable (answered)", "Gateway overhead"]);
    expect(otherMs).toBeCloseTo(1, 9);
  });

  it("copes with a row without attempts", () => {
    expect(prepareLatencyBreakdown({}, 0).data).toEqual([{ name: "This request", routing: 0, overhead: 0 }]);
  });
});

describe("trace and text helpers", () => {
  it("formats µs and ms", () => {
    expect(formatMicros(12.4)).toBe("12 µs");
    expect(formatMicros(1500)).toBe("1.50 ms");
    expect(prepareTrace([{ stage: "rules", outcome: "miss", detail: "no rule matched", micros: 3 }])[0]!.time).toBe("3 µs");
    expect(prepareTrace(undefined)).toEqual([]);
  });

  it("strips the transcript's role prefix", () => {
    expect(snippetText("user: What are\n your hours?")).toBe("What are your hours?");
    expect(snippetText(null)).toBe("");
  });
});

describe("inboundApiPath", () => {
  it("names the endpoint a request came in on; rows from before it was recorded are chat completions", () => {
    expect(inboundApiPath("messages")).toBe("/v1/messages");
    expect(inboundApiPath("responses")).toBe("/v1/responses");
    expect(inboundApiPath(undefined)).toBe("/v1/chat/completions");
  });
});

describe("attemptPart", () => {
  it("names the deployment that served the attempt and the ones it moved on from", () => {
    expect(attemptPart({ tier: "fast", model: "m" }, 0)).toBe("1. fast (m)");
    expect(attemptPart({ tier: "fast", model: "m-us", cause: "fallback", deployment: "us", failovers: ["eu: upstream 429: slow down"] }, 1)).toBe("2. fast (m-us) @ us · via fallback · after eu: upstream 429: slow down");
  });
});
