import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Answer, ProviderTarget } from "../providers/index";
import { escalationSchema, type PolicyConfig, type TierConfig } from "../routing/config-schema";
import type { Decision } from "../routing/types";
import type { ExecContext } from "./exec-context";
import type { GatewayRuntime } from "./gateway-runtime";
import type { GatewayConfig } from "./load-gateway-config";
import { runHedged, type LegCall } from "./run-hedged";

// runHedged with a fake clock: each leg answers after a set time (or fails), and the test
// checks which leg wins, which is aborted, and what is recorded — with no real waiting.

const tier = (name: string, price: number) => ({ name, enabled: true, inputUsdPerMTok: price, outputUsdPerMTok: price }) as unknown as TierConfig;
const confident: Answer = { content: "Paris.", finishReason: "stop" };
const unsure: Answer = { content: "I'm not sure I can help with that.", finishReason: "stop" };

function context(admitLarge = true) {
  const outcomes: Array<[string, boolean]> = [];
  const runtime = { admit: (t: string) => t !== "large" || admitLarge, reportOutcome: (t: string, ok: boolean) => outcomes.push([t, ok]) } as unknown as GatewayRuntime;
  const config = {
    snapshot: { tiers: new Map([["small", tier("small", 1)], ["large", tier("large", 10)]]) },
    targets: new Map<string, ProviderTarget>([["small", { name: "small", model: "s" } as ProviderTarget], ["large", { name: "large", model: "l" } as ProviderTarget]]),
  } as unknown as GatewayConfig;
  const policy = { escalation: escalationSchema.parse({}) } as PolicyConfig;
  const x: ExecContext = { runtime, config, decision: {} as Decision, policy, body: { messages: [] } as never, signal: new AbortController().signal, promptTokens: 10 };
  return { x, outcomes };
}

type Plan = Record<string, { afterMs: number; answer?: Answer; fail?: string }>;

/** Legs that settle on the fake clock as planned; records which were aborted. */
function legs(plan: Plan) {
  const aborted: string[] = [];
  const started: string[] = [];
  const call: LegCall<{ answer: Answer; usage: { promptTokens: number; completionTokens: number; estimated: boolean } }> = (name, signal) =>
    new Promise((resolve, reject) => {
      started.push(name);
      const leg = plan[name]!;
      const timer = setTimeout(() => (leg.fail ? reject(new Error(leg.fail)) : resolve({ answer: leg.answer!, usage: { promptTokens: 10, completionTokens: 5, estimated: false } })), leg.afterMs);
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        aborted.push(name);
        reject(new Error("aborted"));
      });
    });
  return { call, aborted, started };
}

/** Runs a hedge (small → large after 100 ms) over planned legs, advancing the fake clock by `ms`. */
async function hedge(plan: Plan, ms: number, admitLarge = true) {
  const { x } = context(admitLarge);
  const l = legs(plan);
  const done = runHedged(x, "small", "large", 100, l.call);
  await vi.advanceTimersByTimeAsync(ms);
  return { outcome: await done, ...l };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("runHedged", () => {
  it("uses a confident small answer that comes before the delay, and never starts the large tier", async () => {
    const { outcome, started } = await hedge({ small: { afterMs: 50, answer: confident }, large: { afterMs: 10, answer: confident } }, 60);
    expect(outcome).toMatchObject({ tier: "small" });
    expect(started).toEqual(["small"]);
    expect(outcome.attempts.map((a) => [a.tier, a.outcome])).toEqual([["small", "ok"]]);
  });

  it("starts the large tier after the delay and, when it answers first, aborts the small one; both are recorded with costs", async () => {
    const { x } = context();
    const l = legs({ small: { afterMs: 800, answer: confident }, large: { afterMs: 50, answer: confident } });
    const done = runHedged(x, "small", "large", 100, l.call);
    await vi.advanceTimersByTimeAsync(99);
    expect(l.started).toEqual(["small"]);
    await vi.advanceTimersByTimeAsync(60);
    const outcome = await done;
    expect(outcome).toMatchObject({ tier: "large" });
    expect(l.aborted).toEqual(["small"]);
    const byTier = Object.fromEntries(outcome.attempts.map((a) => [a.tier, a]));
    expect(byTier.small).toMatchObject({ outcome: "hedge-lost" });
    expect(byTier.large).toMatchObject({ outcome: "ok", costUsd: (10 * 10 + 5 * 10) / 1e6 });
    expect(byTier.large!.ms).toBeCloseTo(50, 0);
  });

  it("uses the small answer when it comes back confident after the delay, aborting the large one", async () => {
    const { outcome, aborted } = await hedge({ small: { afterMs: 150, answer: confident }, large: { afterMs: 500, answer: confident } }, 160);
    expect(outcome).toMatchObject({ tier: "small" });
    expect(aborted).toEqual(["large"]);
    expect(outcome.attempts.map((a) => [a.tier, a.outcome])).toEqual([["small", "ok"], ["large", "hedge-lost"]]);
  });

  it("waits for the large answer when the small one is unsure or fails", async () => {
    for (const small of [{ afterMs: 150, answer: unsure }, { afterMs: 150, fail: "upstream 500" }]) {
      const { outcome, aborted } = await hedge({ small, large: { afterMs: 300, answer: confident } }, 450);
      expect(outcome).toMatchObject({ tier: "large" });
      expect(aborted).toEqual([]);
      expect(outcome.attempts.map((a) => a.outcome)).toEqual([small.fail ? "error" : "low-confidence", "ok"]);
    }
  });

  it("keeps to the small tier when the large tier's circuit is open", async () => {
    const { outcome, started } = await hedge({ small: { afterMs: 300, answer: confident }, large: { afterMs: 10, answer: confident } }, 310, false);
    expect(outcome).toMatchObject({ tier: "small" });
    expect(started).toEqual(["small"]);
  });
});
