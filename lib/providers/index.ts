// Entry point of the upstream adapters: callProvider dispatches by provider kind.
import { callAnthropic, streamAnthropic } from "./anthropic";
import { callOpenAi, streamOpenAi } from "./openai";
import { ProviderError } from "./provider-error";
import { callSimulated, streamSimulated } from "./simulated";
import type { CallOptions, ChatRequest, ProviderResult, ProviderStream, ProviderTarget } from "./types";

export type * from "./types";
export { ProviderError, isProviderError, toFailure, type ProviderErrorKind } from "./provider-error";
export { testConnection, type ConnectionResult } from "./test-connection";
export { DeploymentPool, type DeploymentState, type DeploymentStatus } from "./deployment-pool";
export { pickDeployment } from "./pick-deployment";
export { destroyAgents, poolStats } from "./http-pool";
export { createRng } from "./simulated-random";
export { buildReplayIndex, outcomeRowSchema, type OutcomeRow } from "./simulated-replay";
export { simulatedOptionsSchema, type SimulatedOptionsInput } from "./simulated-options";
export { networkOptionsSchema } from "./upstream-request";
export { callEmbeddings, estimateInputTokens, type EmbeddingsInput, type EmbeddingsRequest, type EmbeddingsResponse, type EmbeddingsResult } from "./embeddings";

/**
 * Calls the target's upstream. Non-streaming: resolves with the completion, usage and answer.
 * Streaming: resolves once the upstream accepted the request (a failure before that rejects, so
 * the router can still fall back) with a ProviderStream. Every failure is a ProviderError.
 */
export function callProvider(target: ProviderTarget, request: ChatRequest, opts: CallOptions & { stream: true }): Promise<ProviderStream>;
export function callProvider(target: ProviderTarget, request: ChatRequest, opts?: CallOptions & { stream?: false }): Promise<ProviderResult>;
export function callProvider(target: ProviderTarget, request: ChatRequest, opts?: CallOptions): Promise<ProviderResult | ProviderStream>;
export function callProvider(target: ProviderTarget, request: ChatRequest, opts: CallOptions = {}): Promise<ProviderResult | ProviderStream> {
  const stream = opts.stream === true;
  switch (target.provider) {
    case "openai":
      return stream ? streamOpenAi(target, request, opts) : callOpenAi(target, request, opts);
    case "anthropic":
      return stream ? streamAnthropic(target, request, opts) : callAnthropic(target, request, opts);
    case "simulated":
      return stream ? streamSimulated(target, request, opts) : callSimulated(target, request, opts);
    default:
      return Promise.reject(new ProviderError({ kind: "invalid_response", retryable: false, tier: target.name, message: `unknown provider "${(target as { provider: string }).provider}"` }));
  }
}
