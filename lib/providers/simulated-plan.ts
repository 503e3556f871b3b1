// Draws one simulated answer: failure or not, latency, text (replayed or canned), tokens and
// logprobs — all from the injected rng, in a fixed order, so a seed reproduces a run.
import { estimateRequestTokens } from "./answer";
import type { SimulatedOptions } from "./simulated-options";
import { sampleLatency, sampleLogprobs, splitTokens } from "./simulated-random";
import { replayIndexFor, requestPromptKey, type ReplayEntry } from "./simulated-replay";
import type { ChatCompletion, ChatRequest, FinishReason, ProviderTarget } from "./types";

export interface SimulatedPlan {
  id: string;
  fails: boolean;
  latencyMs: number;
  tokens: string[];
  logprobs: number[] | null;
  finishReason: FinishReason;
  promptTokens: number;
  completionTokens: number;
  replayed: boolean;
}

const cannedTokenCache = new WeakMap<SimulatedOptions, string[]>();

function cannedTokens(options: SimulatedOptions, count: number): string[] {
  let base = cannedTokenCache.get(options);
  if (!base) cannedTokenCache.set(options, (base = splitTokens(options.cannedAnswer)));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const token = base[i % base.length];
    // A longer answer starts the canned text over: a space keeps "called." and "Thanks" apart.
    const restarts = i % base.length === base.length - 1 && i < count - 1;
    out.push(restarts && !/\s$/.test(token) ? `${token} ` : token);
  }
  return out;
}

function findReplay(target: ProviderTarget, options: SimulatedOptions, request: ChatRequest): ReplayEntry | undefined {
  if (!options.replay) return undefined;
  return replayIndexFor(options.replay.rows, options.replay.model ?? target.model).get(requestPromptKey(request.messages));
}

export function planSimulated(target: ProviderTarget, request: ChatRequest, options: SimulatedOptions, rng: () => number, wantLogprobs: boolean): SimulatedPlan {
  const id = `chatcmpl-sim-${Math.floor(rng() * 2 ** 48).toString(36)}`;
  const fails = rng() < options.errorRate;
  const latencyMs = sampleLatency(options.latency, rng);
  const replay = findReplay(target, options, request);
  let tokens: string[];
  if (replay) tokens = splitTokens(replay.response);
  else {
    const { min, max } = options.completionTokens;
    tokens = cannedTokens(options, min + Math.floor(rng() * (max - min + 1)));
  }
  let finishReason: FinishReason = "stop";
  const limit = request.max_completion_tokens ?? request.max_tokens;
  if (typeof limit === "number" && limit > 0 && tokens.length > limit) {
    tokens = tokens.slice(0, limit);
    finishReason = "length";
  }
  const level = replay?.score ?? options.confidence.level;
  const asked = wantLogprobs || request.logprobs === true;
  return {
    id,
    fails,
    latencyMs,
    tokens,
    logprobs: asked ? sampleLogprobs(tokens.length, level, options.confidence, rng) : null,
    finishReason,
    promptTokens: replay?.promptTokens ?? estimateRequestTokens(request),
    completionTokens: finishReason === "stop" && replay?.completionTokens !== undefined ? replay.completionTokens : tokens.length,
    replayed: replay !== undefined,
  };
}

export function planToCompletion(plan: SimulatedPlan, model: string, created: number): ChatCompletion {
  const { promptTokens: p, completionTokens: c } = plan;
  return {
    id: plan.id,
    object: "chat.completion",
    created,
    model,
    system_fingerprint: "frontdesk-simulated",
    choices: [{
      index: 0,
      message: { role: "assistant", content: plan.tokens.join(""), refusal: null },
      finish_reason: plan.finishReason,
      logprobs: plan.logprobs
        ? { content: plan.tokens.map((token, i) => ({ token, logprob: plan.logprobs![i], bytes: null, top_logprobs: [] })), refusal: null }
        : null,
    }],
    usage: { prompt_tokens: p, completion_tokens: c, total_tokens: p + c },
  };
}
