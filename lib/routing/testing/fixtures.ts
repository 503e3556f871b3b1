/**
 * Test helpers for the routing engine: seeded randomness, a fake clock, stub classifiers and a
 * snapshot built from the issue's example config. Used by *.test.ts and the engine bench.
 */
import { estimatePromptTokens } from "../estimate-tokens";
import type { IntentModel } from "../../classifier/intent/types";
import type { ChatTurn, TierClassifier } from "../../classifier/types";
import { buildSnapshot } from "../build-snapshot";
import { configFileSchema, type ConfigFileInput } from "../config-schema";
import type { ConfigSnapshot, EngineContext, TierHealth } from "../types";

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A clock that advances `stepMs` on every read. */
export function fakeClock(startMs = 0, stepMs = 0.001): () => number {
  let now = startMs - stepMs;
  return () => (now += stepMs);
}

export function stubClassifier(p: number[] | ((messages: ChatTurn[]) => number[]), tierCount = (Array.isArray(p) ? p.length : 1) + 1, id = "stub"): TierClassifier {
  return {
    id,
    kind: id === "builtin" ? "heuristic" : "trained",
    tierCount,
    predict: ({ messages }) => (typeof p === "function" ? p(messages) : p),
  };
}

/** A heuristic factory returning constant probabilities (0.5 for each step) unless told otherwise. */
export function constantHeuristic(value = 0.5): (tierCount: number) => TierClassifier {
  return (tierCount) => stubClassifier(Array.from({ length: tierCount - 1 }, () => value), tierCount, "builtin");
}

/** The config from issue 3; integration tests pass a prefix to keep its tier and policy names their own. */
export function issueConfig(prefix = "") {
  const n = (name: string) => `${prefix}${name}`;
  return {
    tiers: [
      { name: n("fast"), provider: "openai", baseUrl: "http://127.0.0.1:4010/v1", model: "small-model", apiKey: "sk-test-fast", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: n("capable"), provider: "openai", baseUrl: "http://127.0.0.1:4010/v1", model: "large-model", apiKey: "sk-test-capable", inputUsdPerMTok: 10, outputUsdPerMTok: 30 },
    ],
    policies: [
      {
        name: n("default"),
        tiers: [n("fast"), n("capable")],
        bias: 0.5,
        fallback: "quality-first",
        rules: [
          { name: "hours", match: { keywords: ["opening hours"] }, tier: n("fast") },
          { name: "disputes", match: { category: "dispute" }, tier: n("capable") },
        ],
      },
    ],
  } satisfies ConfigFileInput;
}

export const ISSUE_CONFIG: ConfigFileInput = issueConfig();

export function makeSnapshot(
  config: ConfigFileInput = ISSUE_CONFIG,
  options: { classifiers?: Record<string, TierClassifier | undefined>; heuristic?: (n: number) => TierClassifier; intentModel?: IntentModel } = {},
): ConfigSnapshot {
  const file = configFileSchema.parse(config);
  return buildSnapshot({ ...file, classifiers: options.classifiers, heuristic: options.heuristic ?? constantHeuristic(), intentModel: options.intentModel });
}

export function makeCtx(overrides: Partial<EngineContext> & { unhealthy?: string[]; degraded?: string[] } = {}): EngineContext {
  const { unhealthy = [], degraded = [], ...rest } = overrides;
  const health = (tier: string): TierHealth => (unhealthy.includes(tier) ? "unhealthy" : degraded.includes(tier) ? "degraded" : "healthy");
  return { now: 1_700_000_000_000, rng: seededRng(42), health, ...rest };
}

/** One user message whose engine estimate (estimate-tokens.ts, with the message overhead) is exactly `tokens`. */
export function userOfTokens(tokens: number): ChatTurn[] {
  let content = "";
  const estimate = () => estimatePromptTokens([content]).tokens;
  while (estimatePromptTokens([`${content}please help `]).tokens < tokens) content += "please help ";
  while (estimate() < tokens) content += "x"; // a letter adds ~0.04 tokens: lands on `tokens` exactly
  return [{ role: "user", content }];
}

