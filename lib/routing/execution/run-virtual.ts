/**
 * Drives an execution on a virtual clock, for the demo and the replay of logged traffic: each
 * call's outcome is known at once (simulated, or recorded) and arrives `ms` later on the clock;
 * the hedge timer and aborted legs live on the same clock. Same machine, same rules as the
 * gateway's live drivers — only time is simulated.
 */
import type { Answer } from "../assess-answer";
import { Execution } from "./execution";
import type { ExecAction, ExecEnv, ExecEvent, ExecPlan, ExecResult, Failure, Usage } from "./types";

export type VirtualOutcome = { ms: number; answer: Answer; usage: Usage; firstTokenMs?: number | null } | { ms: number; failure: Failure };
export type VirtualCall = (tier: string, opts: { logprobs: boolean }) => VirtualOutcome | Promise<VirtualOutcome>;

type Pending = { at: number; seq: number; leg: number | null; event: ExecEvent };

export type VirtualRun = {
  result: ExecResult;
  /** The accepted leg's outcome (its answer and usage), when the execution succeeded. */
  answer: Extract<VirtualOutcome, { answer: Answer }> | null;
  /** Virtual ms from the first call to the result. */
  elapsedMs: number;
};

export async function runVirtual(plan: ExecPlan, env: Omit<ExecEnv, "now">, call: VirtualCall, report?: (tier: string, ok: boolean) => void): Promise<VirtualRun> {
  let now = 0;
  let seq = 0;
  const pending: Pending[] = [];
  const outcomes = new Map<number, VirtualOutcome>();
  const execution = new Execution({ ...plan, live: false }, { ...env, now: () => now });

  async function perform(actions: ExecAction[]) {
    for (const a of actions) {
      if (a.type === "call") {
        const outcome = await call(a.tier, { logprobs: a.logprobs });
        outcomes.set(a.leg, outcome);
        const event: ExecEvent = "failure" in outcome
          ? { type: "failed", leg: a.leg, failure: outcome.failure }
          : { type: "answered", leg: a.leg, answer: outcome.answer, usage: outcome.usage, ...(outcome.firstTokenMs !== undefined ? { firstTokenMs: outcome.firstTokenMs } : {}) };
        pending.push({ at: now + outcome.ms, seq: seq++, leg: a.leg, event });
      } else if (a.type === "start-timer") pending.push({ at: now + a.ms, seq: seq++, leg: null, event: { type: "timer" } });
      else if (a.type === "abort") {
        const i = pending.findIndex((p) => p.leg === a.leg);
        if (i >= 0) pending.splice(i, 1);
      } else report?.(a.tier, a.ok);
    }
  }

  let step = execution.start();
  await perform(step.actions);
  while (!step.result) {
    if (pending.length === 0) throw new Error("virtual execution stalled: no event pending");
    let next = 0;
    for (let i = 1; i < pending.length; i++) if (pending[i]!.at < pending[next]!.at || (pending[i]!.at === pending[next]!.at && pending[i]!.seq < pending[next]!.seq)) next = i;
    const [p] = pending.splice(next, 1);
    now = p!.at;
    step = execution.on(p!.event);
    await perform(step.actions);
  }
  const result = step.result;
  const accepted = result.ok ? outcomes.get(result.leg) : undefined;
  return { result, answer: accepted && "answer" in accepted ? accepted : null, elapsedMs: now };
}
