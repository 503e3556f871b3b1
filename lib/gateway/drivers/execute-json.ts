/**
 * The JSON driver: a non-streaming request's execution, each call one upstream request that
 * resolves with the whole answer. All routing after the decision is the machine's
 * (lib/routing/execution); this file only calls upstreams.
 */
import { callProvider, type ProviderResult } from "../../providers/index";
import type { AttemptCause } from "../../routing/execution/attempt-record";
import type { DeploymentVia, ExecResult } from "../../routing/execution/types";
import { executionFor, targetOf, type ExecContext } from "./exec-context";
import { runExecution, type LegIO } from "./run-execution";
import { failureError } from "./failure-error";

export type JsonExecution = ExecResult & ({ ok: true; result: ProviderResult } | { ok: false; error: unknown });

const answerOf = (r: ProviderResult) => ({ usage: r.usage, model: r.response.model, finishReason: r.answer.finishReason });

/** The calls of one request's execution: methods on a prototype, not closures made per request. */
class JsonCalls implements LegIO<ProviderResult> {
  constructor(private readonly x: ExecContext) {}

  call(tier: string, opts: { logprobs: boolean; cause: AttemptCause }, signal: AbortSignal, via: DeploymentVia): Promise<ProviderResult> {
    const x = this.x;
    const target = targetOf(x, tier);
    const run = (headers?: Record<string, string>) =>
      x.runtime.deployments.call(target, (t) => callProvider(t, x.body, { signal, wantLogprobs: opts.logprobs, headers }), via, { signal });
    return x.trace ? x.trace.call(target, opts.cause, run, answerOf) : run();
  }

  answerOf(r: ProviderResult): ProviderResult {
    return r;
  }
}

export async function executeJson(x: ExecContext): Promise<JsonExecution> {
  const { result, payload } = await runExecution(executionFor(x, false), new JsonCalls(x), x.signal, x.runtime, x.decision.hedge !== null);
  // extended in place (no spread: it showed in profiles)
  return result.ok ? Object.assign(result, { result: payload! }) : Object.assign(result, { error: failureError(result.failure) });
}
