/**
 * What a live driver needs to execute a routed request: the decision, the config (snapshot and
 * upstream targets), the runtime's breakers, the upstream body and the client's abort signal.
 * The execution machine itself comes from here, wired to the runtime.
 */
import type { ChatRequest, ProviderTarget } from "../../providers/index";
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
};

export function targetOf(x: ExecContext, tier: string): ProviderTarget {
  const target = x.config.targets.get(tier);
  if (!target) throw new Error(`no upstream target for tier "${tier}"`);
  return target;
}

export function executionFor(x: ExecContext, live: boolean): Execution {
  const tools = { tools: x.body.tools, toolChoice: x.body.tool_choice, parallelToolCalls: x.body.parallel_tool_calls as boolean | undefined };
  const plan = planExecution(x.config.snapshot, x.decision, { promptTokens: x.promptTokens, live, tools });
  return new Execution(plan, { now: () => performance.now(), admit: (tier) => x.runtime.admit(tier), budgetLeftUsd: x.budgetLeftUsd });
}
