import { describe, expect, it } from "vitest";
import type { ConfigFileInput } from "../config-schema";
import { decide } from "../decide";
import { makeCtx, makeSnapshot } from "../testing/fixtures";
import { isRejection, type Decision } from "../types";
import { Execution } from "./execution";
import { planExecution } from "./plan-execution";
import { runVirtual, type VirtualOutcome } from "./run-virtual";
import type { ExecAction, ExecPlan, Failure } from "./types";

// The execution machine, path by path: decisions come from the real engine (decide) on a
// three-tier config; upstream outcomes are scripted per tier and played on the virtual clock.

type TierName = "small" | "mid" | "top";
type Script = { ms: number; answer: "sure" | "unsure" } | { ms: number; fail: Failure };

const tier = (name: TierName, price: number, enabled = true) => ({ name, provider: "simulated" as const, model: `${name}-model`, inputUsdPerMTok: price, outputUsdPerMTok: price, enabled });

function setup(opts: { chosen?: TierName; policy?: Record<string, unknown>; midEnabled?: boolean; unhealthyAtDecision?: string[] } = {}) {
  const config: ConfigFileInput = {
    tiers: [tier("small", 1), tier("mid", 5, opts.midEnabled ?? true), tier("top", 20)],
    policies: [{ name: "p", tiers: ["small", "mid", "top"], rules: [{ name: "all", match: { regex: "." }, tier: opts.chosen ?? "small" }], ...opts.policy } as never],
  };
  const snapshot = makeSnapshot(config);
  const decision = decide(snapshot, "p", { messages: [{ role: "user", content: "What is the capital of France?" }] }, makeCtx({ unhealthy: opts.unhealthyAtDecision ?? [] }));
  if (isRejection(decision)) throw new Error(decision.reason);
  return { snapshot, decision };
}

const SURE = { content: "Paris.", finishReason: "stop", logprobs: [-0.01, -0.02] };
const UNSURE = { content: "I'm not sure, maybe Lyon.", finishReason: "stop" };
const http = (status: number): Failure => ({ kind: "http", status, retryable: status >= 500 || status === 429, message: `upstream ${status}` });
const TIMEOUT: Failure = { kind: "timeout", message: "no answer in 300 ms" };

async function run(
  plan: { snapshot: ReturnType<typeof makeSnapshot>; decision: Decision },
  script: Partial<Record<TierName, Script>>,
  env: { open?: string[]; budgetLeftUsd?: number } = {},
) {
  const calls: Array<{ tier: string; logprobs: boolean }> = [];
  const reports: Array<[string, boolean]> = [];
  const run = await runVirtual(
    planExecution(plan.snapshot, plan.decision, { promptTokens: 100, live: false }),
    { admit: (t) => !(env.open ?? []).includes(t), budgetLeftUsd: () => env.budgetLeftUsd ?? Infinity },
    (tier, opts) => {
      calls.push({ tier, ...opts });
      const s = script[tier as TierName];
      if (!s) throw new Error(`no script for ${tier}`);
      const usage = { promptTokens: 100, completionTokens: 10 };
      return ("fail" in s ? { ms: s.ms, failure: s.fail } : { ms: s.ms, answer: s.answer === "sure" ? SURE : UNSURE, usage }) as VirtualOutcome;
    },
    (t, ok) => reports.push([t, ok]),
  );
  const trail = run.result.attempts.map((a) => `${a.tier}:${a.outcome}${a.cause && a.cause !== "decision" ? `(${a.cause})` : ""}`);
  return { ...run, calls, reports, trail };
}

describe("execution machine: escalation", () => {
  it("escalates once: an unsure small answer climbs to the next tier, whose answer is not judged", async () => {
    const r = await run(setup(), { small: { ms: 100, answer: "unsure" }, mid: { ms: 200, answer: "unsure" } });
    expect(r.result).toMatchObject({ ok: true, tier: "mid", escalated: true, stage: "escalation" });
    expect(r.trail).toEqual(["small:low-confidence", "mid:ok(escalation)"]);
    expect(r.calls).toEqual([{ tier: "small", logprobs: true }, { tier: "mid", logprobs: false }]);
    expect(r.result.reason).toContain("small answered with low confidence (0.42)");
    expect(r.elapsedMs).toBe(300);
    expect(r.result.attempts.map((a) => a.ms)).toEqual([100, 200]);
  });

  it("escalates twice with maxSteps 2, judging the middle answer too", async () => {
    const r = await run(setup({ policy: { escalation: { maxSteps: 2 } } }), { small: { ms: 100, answer: "unsure" }, mid: { ms: 100, answer: "unsure" }, top: { ms: 100, answer: "unsure" } });
    expect(r.result).toMatchObject({ ok: true, tier: "top" });
    expect(r.trail).toEqual(["small:low-confidence", "mid:low-confidence(escalation)", "top:ok(escalation)"]);
    expect(r.calls.map((c) => c.logprobs)).toEqual([true, true, false]);
  });

  it("stops at the top tier: nothing to climb to, so the answer is not judged", async () => {
    const r = await run(setup({ chosen: "top", policy: { escalation: { maxSteps: 3 } } }), { top: { ms: 100, answer: "unsure" } });
    expect(r.result).toMatchObject({ ok: true, tier: "top", escalated: false, stage: "rule" });
    expect(r.trail).toEqual(["top:ok"]);
    expect(r.calls).toEqual([{ tier: "top", logprobs: false }]);
  });

  it("accepts a confident small answer without climbing", async () => {
    const r = await run(setup(), { small: { ms: 100, answer: "sure" } });
    expect(r.result).toMatchObject({ ok: true, tier: "small", escalated: false });
    expect(r.result.attempts[0]!.confidence).toBeGreaterThan(0.9);
  });

  it("climbs past a disabled middle tier straight to the top, the decision's trace saying why", async () => {
    const plan = setup({ midEnabled: false });
    expect(plan.decision.escalation).toMatchObject({ nextTier: "top", path: ["top"] });
    expect(plan.decision.trace.find((s) => s.stage === "plan")!.detail).toContain("mid left out (disabled or unknown)");
    const r = await run(plan, { small: { ms: 100, answer: "unsure" }, top: { ms: 100, answer: "sure" } });
    expect(r.result).toMatchObject({ ok: true, tier: "top", stage: "escalation" });
    expect(r.calls.map((c) => c.tier)).toEqual(["small", "top"]);
  });

  it("skips a tier whose breaker is open on the way up, recorded, and climbs on", async () => {
    const r = await run(setup(), { small: { ms: 100, answer: "unsure" }, top: { ms: 100, answer: "sure" } }, { open: ["mid"] });
    expect(r.result).toMatchObject({ ok: true, tier: "top", escalated: true });
    expect(r.trail).toEqual(["small:low-confidence", "mid:skipped(escalation)", "top:ok(escalation)"]);
    expect(r.result.attempts[1]).toMatchObject({ costUsd: 0, error: "circuit open" });
    expect(r.result.reason).toContain("mid skipped (circuit open)");
  });

  it("keeps the unsure answer when the tier above fails", async () => {
    const r = await run(setup(), { small: { ms: 100, answer: "unsure" }, mid: { ms: 50, fail: http(503) }, top: { ms: 50, fail: http(503) } });
    expect(r.result).toMatchObject({ ok: true, tier: "small", escalated: true });
    expect(r.trail).toEqual(["small:low-confidence", "mid:error(escalation)", "top:error(fallback)"]);
    expect(r.result.reason).toContain("kept small's unsure answer");
  });
});

describe("execution machine: fallback", () => {
  it.each([
    ["503", http(503)],
    ["a timeout", TIMEOUT],
  ])("falls back on %s along the decision's chain, reporting the failure against the tier", async (_name, failure) => {
    const r = await run(setup({ chosen: "mid" }), { mid: { ms: 300, fail: failure }, top: { ms: 100, answer: "sure" } });
    expect(r.result).toMatchObject({ ok: true, tier: "top", fellBack: true, stage: "fallback" });
    expect(r.trail).toEqual(["mid:error", "top:ok(fallback)"]);
    expect(r.reports).toEqual([["mid", false], ["top", true]]);
    expect(r.result.attempts[0]).toMatchObject({ promptTokens: 100, completionTokens: 0, estimatedUsage: true, costUsd: (100 * 5) / 1e6 });
  });

  it("does not fall back on a 400 and does not count it against the tier", async () => {
    const r = await run(setup({ chosen: "mid" }), { mid: { ms: 30, fail: http(400) } });
    expect(r.result).toMatchObject({ ok: false, tier: "mid", stop: "exhausted", failure: { status: 400 } });
    expect(r.calls.map((c) => c.tier)).toEqual(["mid"]);
    expect(r.reports).toEqual([]);
  });

  it("skips an open-breaker first tier and bills nothing for it; fails with no failure when every tier is open", async () => {
    const r = await run(setup({ chosen: "mid" }), {}, { open: ["small", "mid", "top"] });
    expect(r.result).toMatchObject({ ok: false, stop: "exhausted", failure: null, fellBack: true });
    expect(r.trail).toEqual(["mid:skipped", "top:skipped(fallback)", "small:skipped(fallback)"]);
    expect(r.calls).toEqual([]);
  });

  it("never tries a tier twice: a fallback tier that answers unsure climbs only to untried tiers", async () => {
    const r = await run(setup({ policy: { escalation: { maxSteps: 3 } } }), { small: { ms: 10, fail: http(502) }, mid: { ms: 10, answer: "unsure" }, top: { ms: 10, answer: "sure" } });
    expect(r.trail).toEqual(["small:error", "mid:low-confidence(fallback)", "top:ok(escalation)"]);
    expect(r.calls.map((c) => c.tier)).toEqual(["small", "mid", "top"]);
  });
});

describe("execution machine: budget", () => {
  it("makes no further attempt once this request has used up the key's budget, keeping the answer in hand", async () => {
    // small's answer costs 110 tokens × $1/MTok = $0.00011; $0.0001 was left
    const r = await run(setup(), { small: { ms: 10, answer: "unsure" }, mid: { ms: 10, answer: "sure" } }, { budgetLeftUsd: 0.0001 });
    expect(r.result).toMatchObject({ ok: true, tier: "small", escalated: false });
    expect(r.calls.map((c) => c.tier)).toEqual(["small"]);
    expect(r.result.reason).toContain("budget used up: no further attempt");
  });

  it("stops with 'budget' when a failure leaves nothing in hand", async () => {
    const r = await run(setup({ chosen: "mid" }), { mid: { ms: 10, fail: http(503) } }, { budgetLeftUsd: 0.0001 });
    expect(r.result).toMatchObject({ ok: false, stop: "budget", failure: { status: 503 } });
    expect(r.calls.map((c) => c.tier)).toEqual(["mid"]);
  });
});

describe("execution machine: hedging", () => {
  const hedging = { hedging: { enabled: true, band: [0, 1], delayMs: 100 } };
  const hedgedPlan = (escalation = true) => {
    const plan = setup({ policy: { ...hedging, bias: 0, escalation: { enabled: escalation } } });
    plan.decision = { ...plan.decision, hedge: { tier: "mid", delayMs: 100 } };
    return plan;
  };

  it("small tier wins: a confident small answer after the delay aborts the large leg", async () => {
    const r = await run(hedgedPlan(), { small: { ms: 150, answer: "sure" }, mid: { ms: 500, answer: "sure" } });
    expect(r.result).toMatchObject({ ok: true, tier: "small", hedged: true, stage: "rule" });
    expect(r.trail).toEqual(["small:ok", "mid:hedge-lost(hedge)"]);
    expect(r.result.attempts[1]).toMatchObject({ ms: 50, costUsd: (100 * 5) / 1e6 });
    expect(r.elapsedMs).toBe(150);
  });

  it("large tier wins: it answers first, the small leg is aborted", async () => {
    const r = await run(hedgedPlan(), { small: { ms: 800, answer: "sure" }, mid: { ms: 50, answer: "sure" } });
    expect(r.result).toMatchObject({ ok: true, tier: "mid", hedged: true, stage: "hedge" });
    expect(r.trail).toEqual(["mid:ok(hedge)", "small:hedge-lost"]);
    expect(r.elapsedMs).toBe(150);
  });

  it("large tier wins when the small answer, though first, is unsure", async () => {
    const r = await run(hedgedPlan(), { small: { ms: 150, answer: "unsure" }, mid: { ms: 300, answer: "sure" } });
    expect(r.result).toMatchObject({ ok: true, tier: "mid", stage: "hedge" });
    expect(r.trail).toEqual(["small:low-confidence", "mid:ok(hedge)"]);
  });

  it("never starts the large leg when a confident small answer comes before the delay", async () => {
    const r = await run(hedgedPlan(), { small: { ms: 50, answer: "sure" } });
    expect(r.result).toMatchObject({ ok: true, tier: "small", hedged: false });
    expect(r.calls.map((c) => c.tier)).toEqual(["small"]);
  });

  it("starts the large leg at once when the small one fails before the delay", async () => {
    const r = await run(hedgedPlan(), { small: { ms: 20, fail: http(503) }, mid: { ms: 100, answer: "sure" } });
    expect(r.result).toMatchObject({ ok: true, tier: "mid", hedged: true });
    expect(r.elapsedMs).toBe(120);
  });

  it("keeps to the small tier when the large tier's breaker is open", async () => {
    const r = await run(hedgedPlan(), { small: { ms: 300, answer: "sure" } }, { open: ["mid"] });
    expect(r.result).toMatchObject({ ok: true, tier: "small", hedged: false });
    expect(r.calls.map((c) => c.tier)).toEqual(["small"]);
  });

  it("uses the small answer, unsure or not, when the large leg fails and there is no climbing", async () => {
    const r = await run(hedgedPlan(false), { small: { ms: 400, answer: "unsure" }, mid: { ms: 50, fail: http(500) } });
    expect(r.result).toMatchObject({ ok: true, tier: "small" });
    expect(r.trail).toEqual(["mid:error(hedge)", "small:low-confidence"]);
  });

  it("climbs past a failed large leg when the small answer is unsure and escalation is on", async () => {
    const r = await run(hedgedPlan(), { small: { ms: 400, answer: "unsure" }, mid: { ms: 50, fail: http(500) }, top: { ms: 100, answer: "sure" } });
    expect(r.result).toMatchObject({ ok: true, tier: "top", escalated: true, hedged: true });
    expect(r.trail).toEqual(["mid:error(hedge)", "small:low-confidence", "top:ok(escalation)"]);
  });
});

describe("execution machine: the client going away", () => {
  const plan = (live: boolean, decision = setup().decision): ExecPlan => planExecution(setup().snapshot, decision, { promptTokens: 100, live });
  const env = { now: () => 0, admit: () => true, budgetLeftUsd: () => Infinity };
  const aborted: Failure = { kind: "aborted", message: "client closed" };
  const reportsOf = (actions: ExecAction[]) => actions.filter((a) => a.type === "report");

  it("mid-answer: ends the execution, no fallback, never a tier failure", () => {
    const m = new Execution(plan(false), env);
    expect(m.start().actions).toEqual([{ type: "call", leg: 0, tier: "small", cause: "decision", logprobs: true, live: false }]);
    const step = m.on({ type: "failed", leg: 0, failure: aborted });
    expect(step.result).toMatchObject({ ok: false, stop: "client-closed", failure: { kind: "aborted" } });
    expect(step.actions).toEqual([]);
    expect(step.result!.attempts).toEqual([expect.objectContaining({ tier: "small", outcome: "error", promptTokens: 100 })]);
  });

  it("mid-hedge: both legs end, the other one aborted, no reports", () => {
    const { decision } = setup();
    const m = new Execution(plan(false, { ...decision, hedge: { tier: "mid", delayMs: 10 } }), env);
    m.start();
    expect(m.on({ type: "timer" }).actions).toEqual([{ type: "call", leg: 1, tier: "mid", cause: "hedge", logprobs: false, live: false }]);
    const step = m.on({ type: "failed", leg: 1, failure: aborted });
    expect(step.actions).toEqual([{ type: "abort", leg: 0 }]);
    expect(step.result).toMatchObject({ ok: false, stop: "client-closed" });
    expect(step.result!.attempts.map((a) => a.tier)).toEqual(["mid", "small"]);
  });

  it("mid-stream: the live attempt is billed for what the upstream produced and not counted against the tier", () => {
    const m = new Execution(plan(true, { ...setup({ chosen: "top" }).decision }), env);
    expect(m.start().actions).toEqual([{ type: "call", leg: 0, tier: "top", cause: "decision", logprobs: false, live: true }]);
    expect(m.on({ type: "streaming", leg: 0 }).result).toMatchObject({ ok: true, live: true, tier: "top", attempts: [] });
    const end = m.endLive({ failure: aborted, partial: { promptTokens: 100, completionTokens: 40, estimated: true } });
    expect(reportsOf(end.actions)).toEqual([]);
    expect(end.summary.attempts).toEqual([expect.objectContaining({ tier: "top", outcome: "error", promptTokens: 100, completionTokens: 40, costUsd: (140 * 20) / 1e6 })]);
  });

  it("a live stream that ends well is reported healthy; one the upstream breaks counts against it", () => {
    for (const [end, ok] of [[{ usage: { promptTokens: 100, completionTokens: 5 } }, true], [{ failure: { kind: "stalled", message: "stalled" } as Failure }, false]] as const) {
      const m = new Execution(plan(true, setup({ chosen: "top" }).decision), env);
      m.start();
      m.on({ type: "streaming", leg: 0 });
      expect(reportsOf(m.endLive(end).actions)).toEqual([{ type: "report", tier: "top", ok }]);
    }
  });

  it("streams only an attempt whose answer will not be judged: the small tier is buffered, the climb target live", () => {
    const m = new Execution(plan(true), env);
    expect(m.start().actions).toEqual([{ type: "call", leg: 0, tier: "small", cause: "decision", logprobs: true, live: false }]);
    const step = m.on({ type: "answered", leg: 0, answer: UNSURE, usage: { promptTokens: 100, completionTokens: 9 } });
    expect(step.actions).toContainEqual({ type: "call", leg: 1, tier: "mid", cause: "escalation", logprobs: false, live: true });
  });
});

describe("execution machine: tool calls", () => {
  const tools = [{ type: "function", function: { name: "lookup", parameters: { type: "object", properties: { q: { type: "string" } }, required: ["q"] } } }];
  const toolAnswer = (args: string) => ({ content: "", finishReason: "tool_calls", toolCalls: [{ id: "c", type: "function", function: { name: "lookup", arguments: args } }] });
  async function runTools(args: string) {
    const { snapshot, decision } = setup({ policy: { escalation: { enabled: true, maxSteps: 1 } } });
    const plan = planExecution(snapshot, decision, { promptTokens: 100, live: false, tools: { tools } });
    const usage = { promptTokens: 100, completionTokens: 10 };
    return runVirtual(plan, { admit: () => true, budgetLeftUsd: () => Infinity }, (tier) =>
      ({ ms: 50, answer: tier === "small" ? toolAnswer(args) : SURE, usage }) as VirtualOutcome);
  }

  it("a small tier's well-formed tool call is its answer: no climb", async () => {
    const r = await runTools('{"q":"weather"}');
    expect(r.result.attempts.map((a) => [a.tier, a.outcome, a.signals])).toEqual([["small", "ok", ["tool-calls-valid"]]]);
  });

  it("a malformed one climbs, the attempt saying why", async () => {
    const r = await runTools('{"q":');
    expect(r.result.attempts.map((a) => [a.tier, a.outcome])).toEqual([["small", "low-confidence"], ["mid", "ok"]]);
    expect(r.result.attempts[0].signals).toEqual(["tool-call: lookup arguments are not JSON"]);
  });
});
