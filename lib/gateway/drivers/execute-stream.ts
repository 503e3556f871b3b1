/**
 * The stream driver. A call whose answer the machine will judge (it may escalate, or it is a
 * hedge leg) is read to the end first and replayed to the client if it wins; a call the machine
 * marks live streams to the client as it arrives, and its record is made when the stream ends
 * (`endLive`). Failures before the client got a byte fall back like non-streaming requests.
 */
import { callProvider, type ProviderStream, type ProviderTarget, type StreamSummary } from "../../providers/index";
import type { AttemptCause } from "../../routing/execution/attempt-record";
import type { DeploymentVia, ExecResult, ExecSummary, LiveEnd } from "../../routing/execution/types";
import { executionFor, targetOf, type ExecContext } from "./exec-context";
import { runExecution } from "./run-execution";
import { failureError } from "./failure-error";

type Leg = { live: true; stream: ProviderStream } | { live: false; chunks: Uint8Array[]; summary: StreamSummary };

export type StreamExecution = ExecResult &
  (
    | { ok: true; mode: "buffered"; chunks: Uint8Array[]; summary: StreamSummary }
    | { ok: true; mode: "live"; stream: ProviderStream; endLive: (end: LiveEnd) => ExecSummary }
    | { ok: false; error: unknown }
  );

async function drain(stream: ProviderStream): Promise<Leg> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream.sse()) chunks.push(chunk);
  return { live: false, chunks, summary: await stream.summary };
}

const legAnswer = (leg: Leg) => (leg.live ? null : { usage: leg.summary.usage, finishReason: leg.summary.answer.finishReason });

export async function executeStream(x: ExecContext): Promise<StreamExecution> {
  const io = {
    call: (tier: string, opts: { logprobs: boolean; live: boolean; cause: AttemptCause }, signal: AbortSignal, via: DeploymentVia): Promise<Leg> => {
      const target = targetOf(x, tier);
      const once = async (t: ProviderTarget, headers?: Record<string, string>): Promise<Leg> => {
        const stream = await callProvider(t, x.body, { stream: true, signal, wantLogprobs: opts.logprobs, headers });
        return opts.live ? { live: true, stream } : drain(stream);
      };
      // a live stream stays in flight on its deployment until it ends
      const held = (leg: Leg) => (leg.live ? leg.stream.summary : null);
      const run = (headers?: Record<string, string>): Promise<Leg> => x.runtime.deployments.call(target, (t) => once(t, headers), via, { signal, held });
      return x.trace ? x.trace.call(target, opts.cause, run, legAnswer) : run();
    },
    answerOf: (leg: Leg) => (leg.live ? null : { answer: leg.summary.answer, usage: leg.summary.usage, firstTokenMs: leg.summary.firstTokenMs }),
  };
  const execution = executionFor(x, true);
  const { result, payload } = await runExecution(execution, io, x.signal, x.runtime, x.decision.hedge !== null);
  if (!result.ok) return Object.assign(result, { error: failureError(result.failure) });
  const leg = payload!;
  if (!leg.live) return Object.assign(result, { mode: "buffered" as const, chunks: leg.chunks, summary: leg.summary });
  const endLive = (end: LiveEnd) => {
    const { summary, actions } = execution.endLive(end);
    for (const a of actions) if (a.type === "report") x.runtime.reportOutcome(a.tier, a.ok);
    return summary;
  };
  return Object.assign(result, { mode: "live" as const, stream: leg.stream, endLive });
}
