import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Answer, Usage } from "../../providers/index";
import { ProviderError } from "../../providers/index";
import { decide } from "../../routing/decide";
import { Execution } from "../../routing/execution/execution";
import { planExecution } from "../../routing/execution/plan-execution";
import { makeCtx, makeSnapshot } from "../../routing/testing/fixtures";
import type { Decision } from "../../routing/types";
import { runExecution, type LegIO } from "./run-execution";

// The real-time driver on a fake clock: real timers and AbortSignals, legs that settle as planned.
// Checks who starts when, who is aborted, what reaches the breakers, and a client abort.

const snapshot = makeSnapshot({
  tiers: [
    { name: "small", provider: "simulated", model: "s", inputUsdPerMTok: 1, outputUsdPerMTok: 1 },
    { name: "large", provider: "simulated", model: "l", inputUsdPerMTok: 10, outputUsdPerMTok: 10 },
  ],
  policies: [{ name: "p", tiers: ["small", "large"], rules: [{ name: "all", match: { regex: "." }, tier: "small" }] }],
});
const base = decide(snapshot, "p", { messages: [{ role: "user", content: "hi" }] }, makeCtx()) as Decision;
const hedged: Decision = { ...base, hedge: { tier: "large", delayMs: 100 } };
const confident: Answer = { content: "Paris.", finishReason: "stop", logprobs: [-0.01] };

type Plan = Record<string, { afterMs: number; answer?: Answer; fail?: ProviderError }>;
type Leg = { answer: Answer; usage: Usage };

function legs(plan: Plan) {
  const started: string[] = [];
  const aborted: string[] = [];
  const io: LegIO<Leg> = {
    call: (tier, _opts, signal) =>
      new Promise((resolve, reject) => {
        started.push(tier);
        const leg = plan[tier]!;
        const timer = setTimeout(() => (leg.fail ? reject(leg.fail) : resolve({ answer: leg.answer!, usage: { promptTokens: 10, completionTokens: 5 } })), leg.afterMs);
        signal.addEventListener("abort", () => {
          clearTimeout(timer);
          aborted.push(tier);
          reject(new ProviderError({ kind: "aborted", message: "aborted" }));
        });
      }),
    answerOf: (leg) => leg,
  };
  return { io, started, aborted };
}

function execute(decision: Decision, plan: Plan, signal = new AbortController().signal) {
  const reports: Array<[string, boolean]> = [];
  const execution = new Execution(planExecution(snapshot, decision, { promptTokens: 10, live: false }), { now: () => performance.now(), admit: () => true, budgetLeftUsd: () => Infinity });
  const l = legs(plan);
  const done = runExecution(execution, l.io, signal, { reportOutcome: (t, ok) => reports.push([t, ok]) }, decision.hedge !== null);
  return { done, reports, ...l };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("runExecution (real time)", () => {
  it("starts the hedge leg after the delay; the large answer first aborts the small call", async () => {
    const { done, started, aborted, reports } = execute(hedged, { small: { afterMs: 800, answer: confident }, large: { afterMs: 50, answer: confident } });
    await vi.advanceTimersByTimeAsync(99);
    expect(started).toEqual(["small"]);
    await vi.advanceTimersByTimeAsync(60);
    const { result, payload } = await done;
    expect(result).toMatchObject({ ok: true, tier: "large", hedged: true });
    expect(payload?.answer).toBe(confident);
    expect(aborted).toEqual(["small"]);
    expect(reports).toEqual([["large", true]]);
    expect(result.attempts.find((a) => a.tier === "large")!.ms).toBeCloseTo(50, 0);
  });

  it("never starts the hedge leg when the small answer comes first, and clears the timer", async () => {
    const { done, started } = execute(hedged, { small: { afterMs: 40, answer: confident }, large: { afterMs: 10, answer: confident } });
    await vi.advanceTimersByTimeAsync(40);
    expect((await done).result).toMatchObject({ ok: true, tier: "small" });
    await vi.advanceTimersByTimeAsync(500);
    expect(started).toEqual(["small"]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("falls back after an upstream 503 and reports the failure against the tier", async () => {
    const { done, started, reports } = execute(base, { small: { afterMs: 5, fail: new ProviderError({ kind: "http", status: 503, message: "busy" }) }, large: { afterMs: 5, answer: confident } });
    await vi.advanceTimersByTimeAsync(10);
    expect((await done).result).toMatchObject({ ok: true, tier: "large", fellBack: true });
    expect(started).toEqual(["small", "large"]);
    expect(reports).toEqual([["small", false], ["large", true]]);
  });

  it("a client abort ends a hedged execution: both legs aborted, nothing reported, no fallback", async () => {
    const client = new AbortController();
    const { done, aborted, reports, started } = execute(hedged, { small: { afterMs: 800, answer: confident }, large: { afterMs: 800, answer: confident } }, client.signal);
    await vi.advanceTimersByTimeAsync(150);
    client.abort();
    await vi.advanceTimersByTimeAsync(1);
    const { result } = await done;
    expect(result).toMatchObject({ ok: false, stop: "client-closed" });
    expect(aborted.sort()).toEqual(["large", "small"]);
    expect(started).toEqual(["small", "large"]);
    expect(reports).toEqual([]);
  });
});
