/**
 * The execution plan of a decision: the decision itself plus what the machine needs from the
 * config snapshot (tier prices and models, the policy's fallback triggers and answer settings),
 * and from the request what its tool calls are judged against (`tools`, `tool_choice`).
 */
import type { ToolContext } from "../assess-tool-calls";
import { escalationSchema, fallbackOnSchema } from "../policy-options-schema";
import type { ConfigSnapshot, Decision } from "../types";
import type { ExecPlan } from "./types";

const DEFAULT_FALLBACK_ON = fallbackOnSchema.parse({});
const DEFAULT_ESCALATION = escalationSchema.parse({});

export function planExecution(snapshot: ConfigSnapshot, decision: Decision, opts: { promptTokens: number; live: boolean; tools?: ToolContext }): ExecPlan {
  const policy = snapshot.policies.get(decision.policy);
  const escalation = policy?.escalation ?? DEFAULT_ESCALATION;
  return {
    decision,
    tiers: snapshot.tiers,
    fallbackOn: policy?.fallbackOn ?? DEFAULT_FALLBACK_ON,
    assess: { minConfidence: escalation.minConfidence, noLogprobsConfidence: escalation.noLogprobsConfidence },
    promptTokens: opts.promptTokens,
    live: opts.live,
    ...(opts.tools ? { tools: opts.tools } : {}),
  };
}
