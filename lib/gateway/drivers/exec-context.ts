/**
 * What a live driver needs to execute a routed request: the decision, the config (snapshot and
 * upstream targets), the runtime's breakers, the upstream body and the client's abort signal.
 * The execution machine itself comes from here, wired to the runtime.
 */
import type { ChatRequest, FinishReason, ProviderTarget, Usage } from "../../providers/index";
import type { AttemptCause } from "../../routing/execution/attempt-record";
import { Execution } from "../../routing/execution/execution";
import { planExecution } from "../../routing/execution/plan-execution";
import type { Decision } from "../../routing/types";
import type { GatewayRuntime } from "../gateway-runtime";
import type { GatewayConfig } from "../../config/load-gateway-config";

export type ExecContext = {
  runtime: GatewayRuntime;
  config: GatewayConfig;
  decision: Decision;
  body: ChatRequest;
  signal: AbortSignal;
  promptTokens: number;
  /** USD left in the key's monthly budget (Infinity without a cap). */
  budgetLeftUsd: () => number;
  /** The request's trace (lib/gateway/request-trace), absent when tracing is off. */
  trace?: ExecTrace;
};

/** What a finished upstream call answered, as an attempt's span records it. */
export type AttemptAnswer = { usage: Usage; model?: string; finishReason: FinishReason | null };

/** Tracing of upstream attempts, kept behind this type so the drivers import nothing of OpenTelemetry. */
export type ExecTrace = {
  /** Runs one upstream call inside an attempt span: `run` gets the headers that carry the span's
   *  context upstream (`traceparent`); `answerOf` is null for a live stream (its span ends with the request). */
  call<P>(target: ProviderTarget, cause: AttemptCause, run: (headers: Record<string, string>) => Promise<P>, answerOf: (payload: P) => AttemptAnswer | null): Promise<P>;
};

export function targetOf(x: ExecContext, tier: string): ProviderTarget {
  const target = x.config.targets.get(tier);
  if (!target) throw new Error(`no upstream target for tier "${tier}"`);
  return target;
}

const now = () => performance.now();

export function executionFor(x: ExecContext, live: boolean): Execution {
  const tools = { tools: x.body.tools, toolChoice: x.body.tool_choice, parallelToolCalls: x.body.parallel_tool_calls as boolean | undefined };
  const plan = planExecution(x.config.snapshot, x.decision, { promptTokens: x.promptTokens, live, tools });
  return new Execution(plan, { now, admit: x.runtime.admitTier, budgetLeftUsd: x.budgetLeftUsd });
}
