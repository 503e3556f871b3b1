/**
 * The JSON driver: a non-streaming request's execution, each call one upstream request that
 * resolves with the whole answer. All routing after the decision is the machine's
 * (lib/routing/execution); this file only calls upstreams.
 */
import { callProvider, type ProviderResult, type ProviderTarget } from "../../providers/index";
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
    const target = targetOf(this.x, tier);
    if (!this.x.trace) return this.run(target, opts.logprobs, signal, via, undefined);
    return this.x.trace.call(target, opts.cause, (headers) => this.run(target, opts.logprobs, signal, via, headers), answerOf);
  }

  /** One upstream call of the tier (through its deployments); `headers` carry the attempt span's context. */
  private run(target: ProviderTarget, wantLogprobs: boolean, signal: AbortSignal, via: DeploymentVia, headers: Record<string, string> | undefined): Promise<ProviderResult> {
    const body = this.x.body;
    return this.x.runtime.deployments.call(target, (t) => callProvider(t, body, { signal, wantLogprobs, headers }), via, { signal });
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
