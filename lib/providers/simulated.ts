// The simulated provider (labelled "simulated" in the console): no network. Latency, errors,
// token counts and confidence follow the tier's options; prompts found in a replayed outcomes
// dataset get that model's recorded answer. Clock, sleep and rng are injectable.
import { answerFromCompletion, ChunkAccumulator, monotonicNow, toUsage } from "./answer";
import { ProviderError, withContext } from "./provider-error";
import { createProviderStream } from "./provider-stream";
import { simulatedOptions } from "./simulated-options";
import { planSimulated, planToCompletion, type SimulatedPlan } from "./simulated-plan";
import type { CallOptions, ChatCompletionChunk, ChatRequest, ProviderResult, ProviderStream, ProviderTarget } from "./types";

const MAX_STREAM_CHUNKS = 64;

const aborted = () => new ProviderError({ kind: "aborted", message: "request aborted by the caller" });

/** Abortable real sleep (the default when no `sleep` is injected). */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted());
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function context(opts: CallOptions) {
  const now = opts.now ?? monotonicNow;
  const sleep = opts.sleep ?? realSleep;
  const wait = async (ms: number, signal?: AbortSignal) => {
    if (signal?.aborted) throw aborted();
    await sleep(Math.max(0, ms), signal);
    if (signal?.aborted) throw aborted();
  };
  return { now, wait, rng: opts.rng ?? Math.random };
}

/** Waits until the failure or timeout would surface and throws it; returns when the call succeeds. */
async function failures(plan: SimulatedPlan, target: ProviderTarget, firstByteMs: number, wait: (ms: number, s?: AbortSignal) => Promise<void>, signal?: AbortSignal, status = 503) {
  if (firstByteMs > target.timeoutMs) {
    await wait(target.timeoutMs, signal);
    throw new ProviderError({ kind: "timeout", message: `simulated upstream did not answer within ${target.timeoutMs} ms` });
  }
  if (plan.fails) {
    await wait(firstByteMs, signal);
    throw new ProviderError({ kind: "http", status, message: `upstream ${status}: simulated error` });
  }
}

export async function callSimulated(target: ProviderTarget, request: ChatRequest, opts: CallOptions = {}): Promise<ProviderResult> {
  const { now, wait, rng } = context(opts);
  const started = now();
  try {
    const options = simulatedOptions(target);
    const plan = planSimulated(target, request, options, rng, opts.wantLogprobs === true);
    await failures(plan, target, plan.fails ? plan.latencyMs * options.firstTokenShare : plan.latencyMs, wait, opts.signal, options.errorStatus);
    await wait(plan.latencyMs, opts.signal);
    const response = planToCompletion(plan, target.model, Math.floor(Date.now() / 1000));
    const answer = answerFromCompletion(response);
    return { response, answer, usage: toUsage(response.usage, request, answer, target.model), upstreamMs: now() - started };
  } catch (error) {
    throw withContext(error, target.name, now() - started);
  }
}

async function* paced(plan: SimulatedPlan, model: string, firstMs: number, restMs: number, wait: (ms: number, s?: AbortSignal) => Promise<void>, signal: AbortSignal): AsyncGenerator<ChatCompletionChunk> {
  const base = { id: plan.id, object: "chat.completion.chunk" as const, created: Math.floor(Date.now() / 1000), model, system_fingerprint: "frontdesk-simulated" };
  const chunk = (delta: ChatCompletionChunk["choices"][0]["delta"], extra: Partial<ChatCompletionChunk["choices"][0]> = {}): ChatCompletionChunk =>
    ({ ...base, choices: [{ index: 0, delta, finish_reason: null, logprobs: null, ...extra }] });
  await wait(firstMs, signal);
  yield chunk({ role: "assistant", content: "" });
  const groups = Math.min(plan.tokens.length, MAX_STREAM_CHUNKS);
  for (let g = 0; g < groups; g++) {
    const from = Math.floor((g * plan.tokens.length) / groups);
    const to = Math.floor(((g + 1) * plan.tokens.length) / groups);
    await wait(restMs / groups, signal);
    const logprobs = plan.logprobs
      ? { content: plan.tokens.slice(from, to).map((token, i) => ({ token, logprob: plan.logprobs![from + i], bytes: null, top_logprobs: [] })), refusal: null }
      : null;
    yield chunk({ content: plan.tokens.slice(from, to).join("") }, { logprobs });
  }
  yield chunk({}, { finish_reason: plan.finishReason });
  const usage = { prompt_tokens: plan.promptTokens, completion_tokens: plan.completionTokens, total_tokens: plan.promptTokens + plan.completionTokens };
  yield { ...base, choices: [], usage };
}

export async function streamSimulated(target: ProviderTarget, request: ChatRequest, opts: CallOptions = {}): Promise<ProviderStream> {
  const { now, wait, rng } = context(opts);
  const started = now();
  try {
    const options = simulatedOptions(target);
    const plan = planSimulated(target, request, options, rng, opts.wantLogprobs === true);
    const firstMs = plan.latencyMs * options.firstTokenShare;
    await failures(plan, target, firstMs, wait, opts.signal, options.errorStatus);
    const controller = new AbortController();
    const signal = opts.signal ? AbortSignal.any([opts.signal, controller.signal]) : controller.signal;
    return createProviderStream({ kind: "chunks", chunks: paced(plan, target.model, firstMs, plan.latencyMs - firstMs, wait, signal) }, {
      tier: target.name,
      accumulator: new ChunkAccumulator(request, now, started, target.model),
      now,
      startedAt: started,
      abort: () => controller.abort(),
    });
  } catch (error) {
    throw withContext(error, target.name, now() - started);
  }
}
