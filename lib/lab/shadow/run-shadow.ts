/**
 * Shadow evaluation, after the answer has gone to the client: the same request to another tier,
 * the pair graded (equality for tool calls and JSON answers, else a judge tier with the policy's
 * rubric, the two answers in random order), and the pair stored with what it cost. Never throws:
 * a failed call is stored as a failed pair (its cost counted) and logged by the caller.
 */
import { insertShadowPair } from "../../db/shadow-repo";
import { callProvider, type Answer, type ChatRequest, type ProviderTarget } from "../../providers/index";
import { missingCapability, readRequestNeeds } from "../../routing/check-capabilities";
import { costOf } from "../../routing/execution/attempt-record";
import type { PolicyConfig, TierConfig } from "../../routing/config-schema";
import { judgePrompt, judgeTier, readVerdict, shadowTier, structuredEqual, type ShadowCap } from "./plan-shadow";

export type ShadowInput = {
  requestId: string;
  policy: PolicyConfig;
  tiers: ReadonlyMap<string, TierConfig>;
  targets: ReadonlyMap<string, ProviderTarget>;
  /** The upstream body of the request (streaming turned off for the shadow call). */
  body: ChatRequest;
  /** The request as text, for the judge. */
  text: string;
  served: { tier: string; answer: Answer; promptTokens: number; completionTokens: number };
  rng: () => number;
  now: () => number;
};

/** Shadows the request when a tier fits and the day's cap allows the estimated cost; resolves when the pair is stored. */
export async function runShadow(input: ShadowInput, budget: ShadowCap): Promise<"stored" | "no-tier" | "capped"> {
  const { policy, tiers, targets, served } = input;
  const needs = readRequestNeeds(input.body);
  const canServe = (t: string) => {
    const tier = tiers.get(t);
    return !!tier && missingCapability(tier.capabilities, needs, served.promptTokens) === null;
  };
  const shadow = shadowTier(policy, tiers, served.tier, canServe);
  const judge = judgeTier(policy, tiers);
  if (!shadow || !targets.has(shadow)) return "no-tier";
  const tokens = { promptTokens: served.promptTokens, completionTokens: served.completionTokens };
  const estimate = costOf(tiers.get(shadow), tokens) + (judge ? costOf(tiers.get(judge), { promptTokens: 2 * tokens.promptTokens + 2 * tokens.completionTokens, completionTokens: 5 }) : 0);
  if (!(await budget.take(policy.name, policy.shadow.dailyUsdCap, estimate, input.now()))) return "capped";
  const started = input.now();
  // answers are kept only where the policy keeps prompts and answers (the judge still reads them)
  const keep = (text: string) => (policy.storePrompts ? text : null);
  const servedText = answerText(served.answer);
  const pair = { requestId: input.requestId, policyName: policy.name, servedTier: served.tier, shadowTier: shadow, servedAnswer: keep(servedText) };
  let shadowCostUsd = 0;
  let judgeCostUsd = 0;
  try {
    const body: ChatRequest = { ...input.body, stream: false, stream_options: undefined };
    const result = await callProvider(targets.get(shadow)!, body);
    shadowCostUsd = costOf(tiers.get(shadow), result.usage);
    const shadowMs = input.now() - started;
    const json = body.response_format?.type === "json_object" || body.response_format?.type === "json_schema";
    const equal = structuredEqual(served.answer, result.answer, json);
    if (equal !== null) {
      await insertShadowPair({ ...pair, shadowAnswer: keep(answerText(result.answer)), verdict: equal ? "equal" : "different", method: "equality", shadowCostUsd, shadowMs });
      return "stored";
    }
    if (!judge || !targets.has(judge)) {
      await insertShadowPair({ ...pair, shadowAnswer: keep(answerText(result.answer)), verdict: "failed", method: "judge", error: "no judge tier", shadowCostUsd, shadowMs });
      return "stored";
    }
    const servedFirst = input.rng() < 0.5;
    const [first, second] = servedFirst ? [servedText, answerText(result.answer)] : [answerText(result.answer), servedText];
    const graded = await callProvider(targets.get(judge)!, { messages: [{ role: "user", content: judgePrompt(input.text, first, second, policy.shadow.rubric) }], max_tokens: 5, temperature: 0 });
    judgeCostUsd = costOf(tiers.get(judge), graded.usage);
    const said = readVerdict(graded.answer.content);
    const verdict = said === null ? "failed" : said === "TIE" ? "tie" : (said === "A") === servedFirst ? "served-better" : "shadow-better";
    await insertShadowPair({ ...pair, shadowAnswer: keep(answerText(result.answer)), judgeTier: judge, judgeText: graded.answer.content.slice(0, 500), verdict, method: "judge", shadowCostUsd, judgeCostUsd, shadowMs, ...(said === null ? { error: "the judge did not answer A, B or TIE" } : {}) });
    return "stored";
  } catch (error) {
    await insertShadowPair({ ...pair, verdict: "failed", method: "judge", error: error instanceof Error ? error.message.slice(0, 500) : String(error), shadowCostUsd, judgeCostUsd });
    return "stored";
  } finally {
    budget.settle(policy.name, estimate, shadowCostUsd + judgeCostUsd, input.now());
  }
}

function answerText(answer: Answer): string {
  if (answer.toolCalls?.length) return answer.toolCalls.map((c) => `${c.function.name}(${c.function.arguments})`).join("\n");
  return answer.content.slice(0, 100_000);
}
