import { describe, expect, it } from "vitest";
import { missingCapability, promptSize, promptTokenBound, readRequestNeeds } from "./check-capabilities";
import { DEFAULT_CAPABILITIES, type ConfigFileInput } from "./config-schema";
import { decide } from "./decide";
import { constantHeuristic, makeCtx, makeSnapshot } from "./testing/fixtures";
import { isRejection, type Decision, type Rejection } from "./types";

// Tiers that cannot serve a request are left out before any stage picks: rules, pins, the
// classifier, escalation, hedging and fallbacks never see them; the trace says which and why.

const tier = (name: string, price: number, capabilities: Record<string, unknown> = {}) => ({
  name, provider: "simulated" as const, model: `${name}-model`, inputUsdPerMTok: price, outputUsdPerMTok: price, capabilities,
});
const config = (policy: Record<string, unknown> = {}): ConfigFileInput => ({
  tiers: [tier("small", 1, { tools: false, contextTokens: 4000 }), tier("mid", 5, { jsonSchema: false }), tier("top", 20, { vision: true })],
  policies: [{ name: "p", tiers: ["small", "mid", "top"], escalation: { enabled: true, maxSteps: 2 }, ...policy } as never],
});
const snapshot = (policy: Record<string, unknown> = {}, p = 0) => makeSnapshot(config(policy), { heuristic: constantHeuristic(p) });
const ask = [{ role: "user" as const, content: "What is the weather in Paris?" }];
const needs = (n: Partial<ReturnType<typeof readRequestNeeds>>) => ({ tools: false, vision: false, jsonSchema: false, maxOutputTokens: null, ...n });

function decided(result: Decision | Rejection): Decision {
  if (isRejection(result)) throw new Error(`rejected: ${result.reason}`);
  return result;
}

describe("readRequestNeeds", () => {
  it("reads tools, image parts, json_schema output and the requested output tokens", () => {
    expect(readRequestNeeds({ messages: [{ content: "hi" }] })).toEqual(needs({}));
    expect(readRequestNeeds({
      tools: [{ type: "function" }],
      messages: [{ content: [{ type: "text", text: "what is this?" }, { type: "image_url", image_url: { url: "data:" } }] }],
      response_format: { type: "json_schema" },
      max_completion_tokens: 500,
    })).toEqual({ tools: true, vision: true, jsonSchema: true, maxOutputTokens: 500 });
    expect(readRequestNeeds({ tools: [], response_format: { type: "json_object" }, max_tokens: 20 })).toEqual(needs({ maxOutputTokens: 20 }));
  });

  it("says why a tier falls short", () => {
    expect(missingCapability(DEFAULT_CAPABILITIES, needs({ tools: true, jsonSchema: true }), 1000)).toBeNull();
    expect(missingCapability(DEFAULT_CAPABILITIES, needs({ vision: true }), 10)).toBe("no vision");
    expect(missingCapability(DEFAULT_CAPABILITIES, needs({ maxOutputTokens: 20_000 }), 10)).toBe("max_tokens 20000 > maxOutputTokens 16384");
    expect(missingCapability({ ...DEFAULT_CAPABILITIES, contextTokens: 1000 }, needs({ maxOutputTokens: 200 }), 900)).toBe("~900 prompt + 200 output tokens > contextTokens 1000");
  });

  it("counts the prompt with the real tokenizer only where the estimate could be wrong about the window", () => {
    const small = { ...DEFAULT_CAPABILITIES, contextTokens: 1000 };
    let calls = 0;
    const exact = (tokens: number) => () => (calls++, { tokens, encoding: "cl100k_base" });
    const out = needs({ maxOutputTokens: 100 });
    let estimated = 0;
    const size = (tokens: number, quickBound: number, bound: number) => ({ tokens: () => (estimated++, tokens), quickBound, bound: () => bound });
    // 3 bytes per UTF-16 unit bounds the UTF-8 bytes, and a token holds at least a byte: surely fits
    expect(missingCapability(small, out, size(50, 600, 5000), exact(5000))).toBeNull();
    // the bytes themselves fit: no count either
    expect(missingCapability(small, out, size(200, 2400, 850), exact(5000))).toBeNull();
    expect(calls).toBe(0);
    expect(estimated).toBe(0); // nor is the estimate read
    // near the window the count decides, both ways
    expect(missingCapability(small, out, size(300, 3600, 1800), exact(950))).toBe("950 (cl100k_base) prompt + 100 output tokens > contextTokens 1000");
    expect(missingCapability(small, out, size(950, 11400, 3800), exact(700))).toBeNull();
    expect(promptSize([{ content: "abcd" }, { content: "é" }], () => 3).quickBound).toBe(3 * 5 + 8);
    expect(calls).toBe(2);
  });

  it("bounds a prompt's tokens by its UTF-8 bytes", () => {
    expect(promptTokenBound([{ content: "abc" }, { content: "é東😀" }])).toBe(3 + (2 + 3 + 4) + 8);
  });
});

describe("decide: capabilities", () => {
  it("a tool request skips the tier without tools: the classifier's cheapest pick is mid, escalation climbs to top", () => {
    const d = decided(decide(snapshot(), "p", { messages: ask, needs: needs({ tools: true }) }, makeCtx()));
    expect(d.tier).toBe("mid");
    expect(d.escalation?.path).toEqual(["top"]);
    expect(d.trace[0]).toMatchObject({ stage: "capabilities", outcome: "hit", detail: "left out small (no tools)" });
  });

  it("rules, fallbacks and hedging never name a left-out tier", () => {
    const rules = [{ name: "to-small", match: { regex: "." }, tier: "small" }];
    const d = decided(decide(snapshot({ rules, hedging: { enabled: true } }), "p", { messages: ask, needs: needs({ jsonSchema: true }) }, makeCtx()));
    expect(d.tier).toBe("small");
    expect(d.fallbacks).not.toContain("mid");
    expect(d.escalation?.path).toEqual(["top"]);
    const tools = decided(decide(snapshot({ rules }), "p", { messages: ask, needs: needs({ tools: true }) }, makeCtx()));
    expect(tools.stage).not.toBe("rule");
    expect(tools.tier).toBe("mid");
    expect(tools.fallbacks).not.toContain("small");
  });

  it("a session pinned to a left-out tier is not followed", () => {
    const d = decided(decide(snapshot(), "p", { messages: ask, needs: needs({ tools: true }) }, makeCtx({ pinnedTier: "small" } as never)));
    expect(d.tier).not.toBe("small");
  });

  it("images go to the only tier with vision, even when the classifier would pick the cheapest", () => {
    const d = decided(decide(snapshot(), "p", { messages: ask, needs: needs({ vision: true }) }, makeCtx()));
    expect([d.tier, d.escalation, d.fallbacks]).toEqual(["top", null, []]);
    expect(d.trace[0]!.detail).toBe("left out small (no vision), mid (no vision)");
  });

  it("a prompt too long for a tier's context is left out of it", () => {
    const long = [{ role: "user" as const, content: "x".repeat(20_000) }];
    const d = decided(decide(snapshot(), "p", { messages: long, needs: needs({}) }, makeCtx()));
    expect(d.tier).toBe("mid");
    expect(d.trace[0]!.detail).toMatch(/^left out small \(~\d+ prompt \+ 0 output tokens > contextTokens 4000\)$/);
  });

  it("no capable tier: a no-capable-tier rejection naming each tier's shortfall", () => {
    const r = decide(snapshot(), "p", { messages: ask, needs: needs({ vision: true, tools: true, maxOutputTokens: 20_000 }) }, makeCtx());
    expect(isRejection(r) && r.rejected).toBe("no-capable-tier");
    expect((r as Rejection).reason).toBe('No tier of policy "p" can serve this request: small (no tools), mid (no vision), top (max_tokens 20000 > maxOutputTokens 16384).');
  });

  it("a tier named as the model must be capable too", () => {
    const r = decide(snapshot(), "p", { messages: ask, explicitTier: "small", needs: needs({ tools: true }) }, makeCtx());
    expect(isRejection(r) && r.rejected).toBe("no-capable-tier");
    expect(decided(decide(snapshot(), "p", { messages: ask, explicitTier: "mid", needs: needs({ tools: true }) }, makeCtx())).tier).toBe("mid");
  });

  it("without needs (dry runs, the demo) nothing is left out and nothing is traced", () => {
    const d = decided(decide(snapshot(), "p", { messages: ask }, makeCtx()));
    expect(d.tier).toBe("small");
    expect(d.trace.some((s) => s.stage === "capabilities")).toBe(false);
  });
});
