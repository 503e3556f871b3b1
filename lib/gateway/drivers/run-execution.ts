/**
 * Drives an execution in real time: performs the machine's actions (upstream calls, the hedge
 * timer, aborting the losing leg, breaker reports) and feeds it what happens, until it returns
 * a result. The JSON and stream drivers differ only in what a call is (`io`).
 */
import type { Answer, Usage } from "../../providers/index";
import type { Execution } from "../../routing/execution/execution";
import type { ExecAction, ExecEvent, ExecResult } from "../../routing/execution/types";
import type { GatewayRuntime } from "../gateway-runtime";
import { toFailure } from "../../providers/index";

export type LegIO<P> = {
  /** Calls the tier; resolves with its answer, or for a live call once the stream has started. */
  call(tier: string, opts: { logprobs: boolean; live: boolean }, signal: AbortSignal): Promise<P>;
  /** What the machine judges of a finished call; null for a live stream that has started. */
  answerOf(payload: P): { answer: Answer; usage: Usage; firstTokenMs?: number | null } | null;
};

export type Run<P> = { result: ExecResult; payload: P | undefined };

export async function runExecution<P>(execution: Execution, io: LegIO<P>, signal: AbortSignal, runtime: Pick<GatewayRuntime, "reportOutcome">, canAbortLegs: boolean): Promise<Run<P>> {
  const payloads: Array<P | undefined> = [];
  const controllers: Array<AbortController | undefined> = [];
  const inbox: ExecEvent[] = [];
  let wake: (() => void) | null = null;
  let timer: NodeJS.Timeout | undefined;

  const post = (event: ExecEvent) => {
    inbox.push(event);
    if (wake) {
      const w = wake;
      wake = null;
      w();
    }
  };

  const startCall = (a: Extract<ExecAction, { type: "call" }>) => {
    // a leg of its own abort signal only when the machine may abort one leg (a hedge's loser)
    const controller = canAbortLegs ? new AbortController() : undefined;
    const onClientAbort = controller && (() => controller.abort());
    if (onClientAbort) signal.addEventListener("abort", onClientAbort, { once: true });
    controllers[a.leg] = controller;
    let call: Promise<P>;
    try {
      call = io.call(a.tier, a, controller?.signal ?? signal);
    } catch (error) {
      call = Promise.reject(error);
    }
    const settled = call.then(
      (payload) => {
        payloads[a.leg] = payload;
        const judged = io.answerOf(payload);
        post(judged ? { type: "answered", leg: a.leg, ...judged } : { type: "streaming", leg: a.leg });
      },
      (error) => post({ type: "failed", leg: a.leg, failure: toFailure(error) }),
    );
    if (onClientAbort) void settled.finally(() => signal.removeEventListener("abort", onClientAbort));
  };

  const perform = (actions: ExecAction[]) => {
    for (const a of actions) {
      if (a.type === "call") startCall(a);
      else if (a.type === "report") runtime.reportOutcome(a.tier, a.ok);
      else if (a.type === "abort") controllers[a.leg]?.abort();
      else timer = setTimeout(() => post({ type: "timer" }), a.ms);
    }
  };

  let step = execution.start();
  perform(step.actions);
  while (!step.result) {
    if (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    step = execution.on(inbox.shift()!);
    perform(step.actions);
  }
  clearTimeout(timer);
  return { result: step.result, payload: step.result.ok ? payloads[step.result.leg] : undefined };
}
