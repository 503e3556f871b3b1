/**
 * Drives an execution in real time: performs the machine's actions (upstream calls, the hedge
 * timer, aborting the losing leg, breaker reports) and feeds it what happens, until it returns
 * a result. The JSON and stream drivers differ only in what a call is (`io`).
 *
 * Without a hedge at most one call is in flight and there is no timer: each call's event is
 * awaited directly. With one, events of both legs and the timer meet in an inbox.
 */
import type { Answer, Usage } from "../../providers/index";
import { toFailure } from "../../providers/index";
import type { Execution } from "../../routing/execution/execution";
import type { AttemptCause } from "../../routing/execution/attempt-record";
import type { DeploymentVia, ExecAction, ExecEvent, ExecResult, Step } from "../../routing/execution/types";
import type { GatewayRuntime } from "../gateway-runtime";

export type LegIO<P> = {
  /** Calls the tier; resolves with its answer, or for a live call once the stream has started.
   *  A tier with deployments fills `via` with the one that served the call (deployment-pool.ts). */
  call(tier: string, opts: { logprobs: boolean; live: boolean; cause: AttemptCause }, signal: AbortSignal, via: DeploymentVia): Promise<P>;
  /** What the machine judges of a finished call; null for a live stream that has started. */
  answerOf(payload: P): { answer: Answer; usage: Usage; firstTokenMs?: number | null } | null;
};

export type Run<P> = { result: ExecResult; payload: P | undefined };

type Call = Extract<ExecAction, { type: "call" }>;

export async function runExecution<P>(execution: Execution, io: LegIO<P>, signal: AbortSignal, runtime: Pick<GatewayRuntime, "reportOutcome">, hedged: boolean): Promise<Run<P>> {
  const payloads: Array<P | undefined> = [];
  let step = execution.start();
  if (!hedged) {
    for (;;) {
      let next: Promise<ExecEvent> | undefined;
      for (const a of step.actions) if (a.type === "call") next = eventOf(io, payloads, a, signal);
      else report(runtime, a);
      if (step.result) break;
      if (!next) throw new Error("execution stalled: neither a call nor a result");
      step = execution.on(await next);
    }
  } else {
    step = await runHedged(
      execution,
      step,
      (a, legSignal) => eventOf(io, payloads, a, legSignal),
      (a) => report(runtime, a),
      signal,
    );
  }
  return { result: step.result!, payload: step.result!.ok ? payloads[step.result!.leg] : undefined };
}

/** The call's outcome as the machine's event (never rejects); an answer's payload goes into `payloads` by leg.
 *  A module function rather than closures made per request (they showed in profiles). */
async function eventOf<P>(io: LegIO<P>, payloads: Array<P | undefined>, a: Call, legSignal: AbortSignal): Promise<ExecEvent> {
  const via: DeploymentVia = { deployment: "", model: "", failovers: [] };
  let payload: P;
  try {
    payload = await io.call(a.tier, a, legSignal, via);
  } catch (error) {
    return served(via, { type: "failed", leg: a.leg, failure: toFailure(error) });
  }
  payloads[a.leg] = payload;
  const judged = io.answerOf(payload);
  return served(via, judged ? { type: "answered", leg: a.leg, answer: judged.answer, usage: judged.usage, firstTokenMs: judged.firstTokenMs } : { type: "streaming", leg: a.leg });
}

function report(runtime: Pick<GatewayRuntime, "reportOutcome">, a: ExecAction) {
  if (a.type === "report") runtime.reportOutcome(a.tier, a.ok);
}

/** The event with the deployment that served the call, when one did (set, not spread in from a temporary). */
function served(via: DeploymentVia, event: Exclude<ExecEvent, { type: "timer" }>): ExecEvent {
  if (via.deployment) event.via = via;
  return event;
}

/** Two legs and a timer: each leg has its own abort signal (the loser is aborted), tied to the client's. */
async function runHedged(execution: Execution, first: Step, eventOf: (a: Call, signal: AbortSignal) => Promise<ExecEvent>, report: (a: ExecAction) => void, signal: AbortSignal): Promise<Step> {
  const controllers: AbortController[] = [];
  const inbox: ExecEvent[] = [];
  let wake: (() => void) | null = null;
  let timer: NodeJS.Timeout | undefined;
  const post = (event: ExecEvent) => {
    inbox.push(event);
    wake?.();
    wake = null;
  };
  const perform = (actions: ExecAction[]) => {
    for (const a of actions) {
      if (a.type === "call") {
        const controller = new AbortController();
        const onClientAbort = () => controller.abort();
        signal.addEventListener("abort", onClientAbort, { once: true });
        controllers[a.leg] = controller;
        void eventOf(a, controller.signal).then((event) => {
          signal.removeEventListener("abort", onClientAbort);
          post(event);
        });
      } else if (a.type === "abort") controllers[a.leg]?.abort();
      else if (a.type === "start-timer") timer = setTimeout(() => post({ type: "timer" }), a.ms);
      else report(a);
    }
  };
  let step = first;
  perform(step.actions);
  while (!step.result) {
    if (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    step = execution.on(inbox.shift()!);
    perform(step.actions);
  }
  clearTimeout(timer);
  return step;
}
