// Upstream test servers for integration tests and benchmarks (real HTTP on 127.0.0.1).
export { startOpenAiUpstream, type OpenAiUpstreamOptions } from "./openai-upstream";
export { startAnthropicUpstream, type AnthropicUpstreamOptions } from "./anthropic-upstream";
export { spawnUpstream, type SpawnedUpstream } from "./spawn-upstream";
export { parseBehavior, type Behavior } from "./behavior";
export type { RecordedRequest, UpstreamServer } from "./http-helpers";
export { DEFAULT_REPLY, LOW_CONFIDENCE_REPLY } from "./openai-replies";
export { ANTHROPIC_DEFAULT_REPLY } from "./anthropic-replies";
