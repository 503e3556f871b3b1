/**
 * A varied set of decide() calls whose JSON output is pinned in decide-golden.json
 * (decide-golden.test.ts): every stage and outcome — rules of each kind, pins, bypass, budgets,
 * capabilities, intent, the heuristic, stub and shipped trained classifiers, counted prompts,
 * exploration, health — so that work done to make decide() cheaper cannot change a decision, a
 * reason or a trace line. Every input is fixed (seeded rng, fake clock), so the output is too.
 */
import { readFileSync } from "node:fs";
import { benchConversations, ENGINE_BENCH_CONFIG } from "./engine-fixtures";
import { createHeuristicClassifier } from "../../classifier/heuristic-scorer";
import type { IntentModel, IntentPrediction } from "../../classifier/intent/types";
import { loadClassifier } from "../../classifier/load-classifier";
import type { ChatTurn } from "../../classifier/types";
import type { RequestNeeds } from "../check-capabilities";
import type { ConfigFileInput, PolicyConfigInput, TierConfigInput } from "../config-schema";
import { decide } from "../decide";
import type { ConfigSnapshot, Decision, EngineContext, Rejection, RouteRequest } from "../types";
import { constantHeuristic, fakeClock, ISSUE_CONFIG, makeCtx, makeSnapshot, seededRng, stubClassifier, userOfTokens } from "./fixtures";

export type GoldenCase = { name: string; run: () => Decision | Rejection };

const user = (content: string): ChatTurn[] => [{ role: "user", content }];
const NO_NEEDS: RequestNeeds = { tools: false, vision: false, jsonSchema: false, maxOutputTokens: null };
const REFERENCE = userOfTokens(1000);
const LONG = userOfTokens(3000);
const SHORT = user("Can you compare two approaches to caching and explain the trade-offs? Also, which is faster?");

function issuePolicy(patch: Partial<PolicyConfigInput>, tiers: TierConfigInput[] = ISSUE_CONFIG.tiers!): ConfigFileInput {
  return { tiers, policies: [{ ...ISSUE_CONFIG.policies![0]!, ...patch }] };
}

const THREE: ConfigFileInput = {
  tiers: [
    { name: "s", provider: "simulated", model: "s-model", inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.4 },
    { name: "m", provider: "simulated", model: "m-model", inputUsdPerMTok: 1, outputUsdPerMTok: 4, capabilities: { vision: true } },
    { name: "l", provider: "simulated", model: "l-model", inputUsdPerMTok: 10, outputUsdPerMTok: 40, capabilities: { vision: true, contextTokens: 4_000 } },
    { name: "off", provider: "simulated", model: "off-model", enabled: false },
  ],
  policies: [
    { name: "p", tiers: ["s", "m", "l"], hedging: { enabled: true, band: [0.05, 0.5] } },
    { name: "gaps", tiers: ["s", "off", "m", "ghost", "l"], escalation: { enabled: true }, rules: [{ name: "to-ghost", match: { keywords: ["ghost"] }, tier: "ghost" }] },
    { name: "explore", tiers: ["s", "m", "l"], explore: { enabled: true, rate: 0.1, uncertainAbove: 0.2 } },
    { name: "equal", tiers: ["s", "m"], bias: 0.7 },
  ],
};
const EQUAL_PRICES: ConfigFileInput = {
  tiers: [
    { name: "a", provider: "simulated", model: "a-model", inputUsdPerMTok: 1, outputUsdPerMTok: 1 },
    { name: "b", provider: "simulated", model: "b-model", inputUsdPerMTok: 1, outputUsdPerMTok: 1 },
    { name: "c", provider: "simulated", model: "c-model", inputUsdPerMTok: 1, outputUsdPerMTok: 1 },
  ],
  policies: [{ name: "flat", tiers: ["a", "b", "c"], fallback: "cost-first", speculative: { enabled: true, threshold: 0.6 } }],
};

const RULES: ConfigFileInput = {
  ...ENGINE_BENCH_CONFIG,
  policies: [
    {
      ...ENGINE_BENCH_CONFIG.policies![0]!,
      rules: [
        { name: "off-rule", match: { keywords: ["anything"] }, tier: "fast", enabled: false },
        { name: "elsewhere", match: { keywords: ["warranty"] }, tier: "nowhere" },
        { name: "both", match: { category: "billing", keywords: ["refund"] }, tier: "balanced" },
        { name: "cased", match: { regex: "ACME-[0-9]+", caseSensitive: true }, tier: "capable" },
        ...ENGINE_BENCH_CONFIG.policies![0]!.rules!,
      ],
    },
  ],
};

function stubIntent(prediction: IntentPrediction): IntentModel {
  return { id: "intent-stub", intents: ["card_arrival", "balance"], domains: ["banking"], threshold: 0.4, predict: () => prediction };
}

function counter(tokens: number | ((model: string) => number | null)): EngineContext["exactTokens"] {
  return (tier) => {
    const n = typeof tokens === "number" ? tokens : tokens(tier.model);
    return n === null ? null : { tokens: n, encoding: tier.model === "large-model" ? "o200k_base" : "cl100k_base" };
  };
}

function trainedSnapshot(): ConfigSnapshot {
  const model = loadClassifier(JSON.parse(readFileSync(new URL("../../classifier/default-model.json", import.meta.url), "utf8")));
  const policy = ENGINE_BENCH_CONFIG.policies![0]!;
  const twoTier: ConfigFileInput = { ...ENGINE_BENCH_CONFIG, policies: [{ ...policy, tiers: ["fast", "capable"], rules: policy.rules!.filter((r) => r.tier !== "balanced") }] };
  return makeSnapshot(twoTier, { classifiers: { default: model }, heuristic: createHeuristicClassifier });
}

export function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  const add = (name: string, snapshot: ConfigSnapshot, policy: string | undefined, request: RouteRequest, ctx: () => EngineContext = () => makeCtx()) =>
    cases.push({ name, run: () => decide(snapshot, policy, request, ctx()) });

  // the engine bench: 3 tiers, 10 rules, the built-in heuristic; its 16 conversations and one of each rule
  const bench = makeSnapshot(ENGINE_BENCH_CONFIG, { heuristic: createHeuristicClassifier });
  benchConversations(16).forEach((messages, i) => add(`bench ${i}`, bench, undefined, { messages, needs: NO_NEEDS }, () => makeCtx({ rng: seededRng(i) })));
  const conversation = benchConversations(1)[0]!;
  add("bench clocked", bench, undefined, { messages: conversation, needs: NO_NEEDS }, () => makeCtx({ clock: fakeClock(0, 0.003) }));
  const asks: Array<[string, string, string?]> = [
    ["category", "My card was charged twice", "Dispute"],
    ["keyword", "What is your Closing   time on Fridays?"],
    ["keyword 2", "I see a fraudulent charge on my statement"],
    ["order regex", "Where is my order #AB1234567? It is late."],
    ["iban regex", "Please refund to DE89370400440532013000 today"],
    ["iban lower", "please refund to de89370400440532013000 today"],
    ["trace regex", "It fails:\nTraceback (most recent call last)\n  File x.py"],
    ["java trace", "crash at com.acme.Foo.bar(Foo.java:42) when I open it"],
    ["api regex", "The checkout gives a 502 error every time"],
    ["faq", "how can i reset my password"],
    ["faq 2", "When will my package arrive?"],
    ["faq miss", "I forgot where I parked, not my password"],
    ["small talk", "hi there, thanks!"],
    ["code", "```ts\nconst x = (a: number) => { return a * 2; };\n```\nWhy does this fail to compile? Explain step by step and compare with JavaScript."],
    ["non-ascii", "Können Sie mir erklären, wie die Garantie funktioniert? 😀 Ich möchte Schritt für Schritt verstehen — danke!"],
    ["empty", ""],
  ];
  for (const [name, text, category] of asks) add(`bench ${name}`, bench, undefined, { messages: user(text), category, needs: NO_NEEDS });
  add("bench long user, regex in tail", bench, undefined, { messages: user(`${"lorem ipsum dolor sit amet ".repeat(400)} the api gives a 404 error`), needs: NO_NEEDS });
  add("bench long user, keyword in the middle", bench, undefined, { messages: user(`${"lorem ipsum ".repeat(300)}chargeback${" dolor sit".repeat(300)}`) });
  add("bench no user turn", bench, undefined, { messages: [{ role: "system", content: "You help." }, { role: "assistant", content: "Hello!" }] });
  add("bench rules notes", makeSnapshot(RULES, { heuristic: createHeuristicClassifier }), undefined, { messages: user("I want a refund for my warranty claim, ref ACME-12"), category: "billing" });
  add("bench rules cased miss", makeSnapshot(RULES, { heuristic: createHeuristicClassifier }), undefined, { messages: user("I want a refund, ref acme-12"), category: "Billing " });

  // the shipped trained classifier, two tiers (the gateway's default policy shape)
  const trained = trainedSnapshot();
  benchConversations(4).forEach((messages, i) => add(`trained ${i}`, trained, undefined, { messages, needs: NO_NEEDS }, () => makeCtx({ rng: seededRng(100 + i) })));
  add("trained short", trained, undefined, { messages: SHORT });
  add("trained multi-turn", trained, undefined, { messages: [{ role: "system", content: "Be brief." }, ...user("hello"), { role: "assistant", content: "Hi! How can I help?" }, ...SHORT] });
  add("trained counted", trained, undefined, { messages: benchConversations(2)[1]!, needs: NO_NEEDS }, () => makeCtx({ exactTokens: counter(1700) }));

  // a window near the prompt: capability checks, bounds and real counts
  const windowed = makeSnapshot({ ...ENGINE_BENCH_CONFIG, tiers: ENGINE_BENCH_CONFIG.tiers!.map((t, i) => (i === 0 ? { ...t, capabilities: { contextTokens: 2_000 } } : t)) }, { heuristic: createHeuristicClassifier });
  const needs500 = { ...NO_NEEDS, maxOutputTokens: 500 };
  add("window estimate", windowed, undefined, { messages: conversation, needs: needs500 });
  add("window counted fits", windowed, undefined, { messages: conversation, needs: needs500 }, () => makeCtx({ exactTokens: counter(1400) }));
  add("window counted over", windowed, undefined, { messages: conversation, needs: needs500 }, () => makeCtx({ exactTokens: counter(1600) }));
  add("window quick bound", windowed, undefined, { messages: SHORT, needs: needs500 }, () => makeCtx({ exactTokens: counter(99) }));
  add("window bypass incapable", windowed, undefined, { messages: conversation, needs: needs500, explicitTier: "fast" });
  add("window bypass counted", windowed, undefined, { messages: conversation, needs: needs500, explicitTier: "fast" }, () => makeCtx({ exactTokens: counter(1200) }));
  add("output too long", bench, undefined, { messages: SHORT, needs: { ...NO_NEEDS, maxOutputTokens: 20_000 } });

  // the issue's two tiers with constant probabilities: thresholds, bias, hedging, speculative, labeling
  for (const p of [0, 0.01, 0.3, 0.45, 0.49, 0.5, 0.9, 1]) add(`issue p=${p}`, makeSnapshot(ISSUE_CONFIG, { heuristic: constantHeuristic(p) }), undefined, { messages: REFERENCE });
  add("issue long", makeSnapshot(ISSUE_CONFIG, { heuristic: constantHeuristic(0.7) }), undefined, { messages: LONG });
  add("issue bias 0", makeSnapshot(issuePolicy({ bias: 0 }), { heuristic: constantHeuristic(0.9) }), "default", { messages: REFERENCE });
  add("issue bias 1", makeSnapshot(issuePolicy({ bias: 1 }), { heuristic: constantHeuristic(0.1) }), "default", { messages: REFERENCE });
  add("issue bias 0.27", makeSnapshot(issuePolicy({ bias: 0.27, expectedOutputTokens: 800, referencePromptTokens: 400 }), { heuristic: constantHeuristic(0.2) }), undefined, { messages: SHORT });
  const hedged = makeSnapshot(issuePolicy({ hedging: { enabled: true, band: [0.3, 0.6], delayMs: 700 } }), { heuristic: constantHeuristic(0.4) });
  add("issue hedge", hedged, undefined, { messages: REFERENCE });
  const speculative = issuePolicy({ speculative: { enabled: true, threshold: 0.8 }, bias: 0 });
  add("issue speculative skip", makeSnapshot(speculative, { heuristic: constantHeuristic(0.85) }), undefined, { messages: REFERENCE });
  add("issue speculative miss", makeSnapshot(speculative, { heuristic: constantHeuristic(0.79) }), undefined, { messages: REFERENCE });
  add("issue speculative unhealthy", makeSnapshot(speculative, { heuristic: constantHeuristic(0.85) }), undefined, { messages: REFERENCE }, () => makeCtx({ unhealthy: ["capable"] }));
  add("issue no escalation", makeSnapshot(issuePolicy({ escalation: { enabled: false } }), { heuristic: constantHeuristic(0.2) }), undefined, { messages: REFERENCE });
  const labeled = makeSnapshot(issuePolicy({ labeling: { randomRate: 0.5, uncertainAbove: 0.3 } }), { heuristic: constantHeuristic(0.3) });
  add("issue labeling random", labeled, undefined, { messages: REFERENCE }, () => makeCtx({ rng: () => 0.2 }));
  add("issue labeling uncertain", labeled, undefined, { messages: REFERENCE }, () => makeCtx({ rng: () => 0.7 }));
  add("issue clocked", makeSnapshot(ISSUE_CONFIG, { heuristic: constantHeuristic(0.3) }), undefined, { messages: REFERENCE }, () => makeCtx({ clock: fakeClock(5, 0.002) }));

  // real counts where the band spans a threshold (settle-prompt-tokens.ts)
  const atThreshold = makeSnapshot(ISSUE_CONFIG, { heuristic: constantHeuristic(0.5) });
  for (const tokens of [850, 1000, 1150]) add(`counted ${tokens}`, atThreshold, undefined, { messages: REFERENCE }, () => makeCtx({ exactTokens: counter(tokens) }));
  for (const p of [0.42, 0.47, 0.55]) add(`counted p=${p}`, makeSnapshot(ISSUE_CONFIG, { heuristic: constantHeuristic(p) }), undefined, { messages: REFERENCE }, () => makeCtx({ exactTokens: counter(1000) }));
  add("counted per model", atThreshold, undefined, { messages: REFERENCE }, () => makeCtx({ exactTokens: counter((model) => (model === "large-model" ? 900 : null)) }));
  add("counted none", atThreshold, undefined, { messages: REFERENCE }, () => makeCtx({ exactTokens: counter(() => null) }));

  // classifier problems
  const broken = stubClassifier(() => {
    throw new Error("model file missing");
  }, 2, "v3");
  add("classifier throws", makeSnapshot(issuePolicy({ fallback: "cost-first" }), { classifiers: { default: broken } }), undefined, { messages: REFERENCE });
  add("classifier throws quality-first", makeSnapshot(ISSUE_CONFIG, { classifiers: { default: broken } }), undefined, { messages: REFERENCE });
  add("classifier wrong shape", makeSnapshot(ISSUE_CONFIG, { classifiers: { default: stubClassifier(() => [0.2, 0.1], 2, "v4") } }), undefined, { messages: REFERENCE });
  add("classifier NaN", makeSnapshot(ISSUE_CONFIG, { classifiers: { default: stubClassifier(() => [Number.NaN], 2, "v5") } }), undefined, { messages: REFERENCE });
  add("classifier repaired", makeSnapshot(THREE, { classifiers: { p: stubClassifier([0.3, 0.7], 3) } }), "p", { messages: REFERENCE });
  add("classifier clamped", makeSnapshot(ISSUE_CONFIG, { classifiers: { default: stubClassifier([1.4], 2) } }), undefined, { messages: REFERENCE });
  add("classifier tier count", makeSnapshot(ISSUE_CONFIG, { classifiers: { default: stubClassifier([0.5, 0.2], 3, "v6") }, heuristic: createHeuristicClassifier }), undefined, { messages: SHORT });
  add("heuristic factory throws", makeSnapshot(ISSUE_CONFIG, { heuristic: () => { throw new Error("no scorer"); } }), undefined, { messages: SHORT });
  add("single tier", makeSnapshot(issuePolicy({ tiers: ["capable"] })), undefined, { messages: REFERENCE });

  // three tiers: expected-loss explanations, health, hedging, gaps in the policy's tiers, nominal costs
  const three = (p: number[]) => makeSnapshot(THREE, { classifiers: { p: stubClassifier(p, 3), gaps: stubClassifier(p, 5), explore: stubClassifier(p, 3) } });
  add("three middle", three([0.9, 0.1]), "p", { messages: REFERENCE });
  add("three low", three([0.05, 0.01]), "p", { messages: SHORT });
  add("three top", three([0.99, 0.95]), "p", { messages: LONG });
  add("three unhealthy middle", three([0.2, 0.01]), "p", { messages: REFERENCE }, () => makeCtx({ unhealthy: ["m"] }));
  add("three unhealthy pick", three([0.9, 0.1]), "p", { messages: REFERENCE }, () => makeCtx({ unhealthy: ["m"], degraded: ["s"] }));
  add("three all unhealthy", three([0.9, 0.1]), "p", { messages: REFERENCE }, () => makeCtx({ unhealthy: ["s", "m", "l"] }));
  add("three degraded", three([0.6, 0.3]), "p", { messages: REFERENCE }, () => makeCtx({ degraded: ["l", "m"] }));
  add("three vision", three([0.6, 0.3]), "p", { messages: REFERENCE, needs: { ...NO_NEEDS, vision: true } });
  add("three vision long", three([0.6, 0.3]), "p", { messages: LONG, needs: { ...NO_NEEDS, vision: true, maxOutputTokens: 1200 } });
  add("three tools none", makeSnapshot({ ...THREE, tiers: THREE.tiers!.map((t) => ({ ...t, capabilities: { ...t.capabilities, tools: false } })) }), "p", { messages: REFERENCE, needs: { ...NO_NEEDS, tools: true } });
  add("gaps", three([0.7, 0.5, 0.4, 0.2]), "gaps", { messages: REFERENCE });
  add("gaps low", three([0.1, 0.05, 0.01, 0.0]), "gaps", { messages: REFERENCE });
  add("gaps rule to unknown tier", three([0.1, 0.05, 0.01, 0.0]), "gaps", { messages: user("a ghost story") });
  add("equal prices", makeSnapshot(THREE, { classifiers: { equal: stubClassifier([0.4], 2) } }), "equal", { messages: SHORT });
  add("nominal costs", makeSnapshot(EQUAL_PRICES, { heuristic: constantHeuristic(0.4) }), "flat", { messages: REFERENCE });
  add("nominal speculative", makeSnapshot(EQUAL_PRICES, { heuristic: constantHeuristic(0.7) }), "flat", { messages: LONG });

  // exploration: eligible, drawn and not drawn, ineligible
  for (let seed = 0; seed < 6; seed++) add(`explore seed ${seed}`, three([0.55, 0.2]), "explore", { messages: REFERENCE }, () => makeCtx({ rng: seededRng(seed) }));
  add("explore drawn", three([0.55, 0.2]), "explore", { messages: REFERENCE }, () => makeCtx({ rng: () => 0.01 }));
  add("explore drawn up", three([0.55, 0.2]), "explore", { messages: REFERENCE }, () => makeCtx({ rng: () => 0.07 }));
  add("explore certain", three([0.01, 0.001]), "explore", { messages: REFERENCE });
  add("explore edge unhealthy", three([0.55, 0.2]), "explore", { messages: REFERENCE }, () => makeCtx({ rng: () => 0.07, unhealthy: ["l"] }));

  // precedence: rules, pins, bypass, budgets, rejections
  const precedence = makeSnapshot(ISSUE_CONFIG, { heuristic: constantHeuristic(0.9) });
  add("rule keyword", precedence, undefined, { messages: user("What are your opening hours?") });
  add("rule over pin", precedence, undefined, { messages: REFERENCE, category: "dispute" }, () => makeCtx({ pinnedTier: "fast" }));
  add("pin", precedence, undefined, { messages: REFERENCE }, () => makeCtx({ pinnedTier: "fast" }));
  add("pin unhealthy", makeSnapshot(ISSUE_CONFIG, { heuristic: constantHeuristic(0.1) }), undefined, { messages: REFERENCE }, () => makeCtx({ pinnedTier: "capable", unhealthy: ["capable"] }));
  add("pin unknown", precedence, undefined, { messages: REFERENCE }, () => makeCtx({ pinnedTier: "nope" }));
  add("bypass", precedence, undefined, { messages: user("opening hours"), explicitTier: "capable" }, () => makeCtx({ pinnedTier: "fast" }));
  add("bypass unknown", precedence, undefined, { messages: REFERENCE, explicitTier: "nope" });
  add("bypass disabled", makeSnapshot(THREE), "p", { messages: REFERENCE, explicitTier: "off" });
  add("bypass needs", makeSnapshot(THREE), "p", { messages: REFERENCE, explicitTier: "s", needs: { ...NO_NEEDS, vision: true } });
  add("bypass needs ok", makeSnapshot(THREE), "p", { messages: REFERENCE, explicitTier: "m", needs: { ...NO_NEEDS, vision: true } });
  const over = { spentUsd: 50, capUsd: 50 };
  add("budget reject", precedence, undefined, { messages: REFERENCE }, () => makeCtx({ budget: { ...over, overBudget: "reject" } }));
  add("budget downgrade", precedence, undefined, { messages: REFERENCE, explicitTier: "capable" }, () => makeCtx({ budget: { ...over, overBudget: "downgrade" } }));
  add("budget downgrade unhealthy", precedence, undefined, { messages: REFERENCE }, () => makeCtx({ budget: { ...over, overBudget: "downgrade" }, unhealthy: ["fast"] }));
  add("budget within", precedence, undefined, { messages: REFERENCE }, () => makeCtx({ budget: { spentUsd: 10.456, capUsd: 50, overBudget: "reject" } }));
  add("budget no cap", precedence, undefined, { messages: REFERENCE }, () => makeCtx({ budget: { spentUsd: 10, capUsd: null, overBudget: "downgrade" } }));
  add("rule tier down", precedence, undefined, { messages: REFERENCE, category: "dispute" }, () => makeCtx({ unhealthy: ["capable"] }));
  add("rule tier and chain down", precedence, undefined, { messages: REFERENCE, category: "dispute" }, () => makeCtx({ unhealthy: ["capable", "fast"] }));
  add("unknown policy", precedence, "nope", { messages: REFERENCE });
  const disabled = makeSnapshot({ ...ISSUE_CONFIG, tiers: ISSUE_CONFIG.tiers!.map((t) => ({ ...t, enabled: false })) });
  add("no tier", disabled, undefined, { messages: REFERENCE });
  add("no tier downgrade", disabled, undefined, { messages: REFERENCE }, () => makeCtx({ budget: { ...over, overBudget: "downgrade" } }));
  const onlyFast = makeSnapshot({ ...ISSUE_CONFIG, tiers: ISSUE_CONFIG.tiers!.map((t) => ({ ...t, enabled: t.name === "fast" })) }, { heuristic: constantHeuristic(0.99) });
  add("only fast", onlyFast, undefined, { messages: REFERENCE, category: "dispute" });
  const noTools = makeSnapshot({ ...ISSUE_CONFIG, tiers: ISSUE_CONFIG.tiers!.map((t) => ({ ...t, capabilities: { tools: false } })) });
  add("no capable tier", noTools, undefined, { messages: REFERENCE, needs: { ...NO_NEEDS, tools: true } });
  add("no capable tier downgrade", noTools, undefined, { messages: REFERENCE, needs: { ...NO_NEEDS, tools: true } }, () => makeCtx({ budget: { ...over, overBudget: "downgrade" } }));

  // the intent stage (a stub model: the prediction is the input)
  const intentConfig = (extra: Partial<PolicyConfigInput["intent"]> = {}) =>
    issuePolicy({ intent: { enabled: true, map: { card_arrival: "fast", "domain:banking": "capable", balance: "ghost" }, ...extra } });
  const intent = (prediction: IntentPrediction, extra?: Partial<PolicyConfigInput["intent"]>, p = 0.3) =>
    makeSnapshot(intentConfig(extra), { heuristic: constantHeuristic(p), intentModel: stubIntent(prediction) });
  add("intent mapped", intent({ intent: "card_arrival", domain: "banking", p: 0.93, outOfScope: false }), undefined, { messages: user("when will my card arrive") });
  add("intent domain", intent({ intent: "freeze", domain: "banking", p: 0.81, outOfScope: false }), undefined, { messages: user("freeze it") });
  add("intent unusable tier", intent({ intent: "balance", p: 0.9, outOfScope: false }), undefined, { messages: user("balance") });
  add("intent unmapped", intent({ intent: "weather", domain: "utility", p: 0.9, outOfScope: false }), undefined, { messages: user("rain?") });
  add("intent low confidence", intent({ intent: "card_arrival", p: 0.31, outOfScope: false }), undefined, { messages: user("card") });
  add("intent out of scope", intent({ intent: "oos", p: 0.66, outOfScope: true }), undefined, { messages: user("a chess poem") });
  add("intent out of scope fallback", intent({ intent: "weather", p: 0.2, outOfScope: true }, { outOfScope: "fallback-mode" }), undefined, { messages: user("a chess poem") });
  add("intent mapped unhealthy", intent({ intent: "card_arrival", p: 0.93, outOfScope: false }), undefined, { messages: user("when will my card arrive") }, () => makeCtx({ unhealthy: ["fast"] }));
  add("intent after rules", intent({ intent: "card_arrival", p: 0.93, outOfScope: false }), undefined, { messages: user("opening hours and my card") });
  add("intent no model", makeSnapshot(intentConfig(), { heuristic: constantHeuristic(0.3) }), undefined, { messages: user("card") });
  return cases;
}
