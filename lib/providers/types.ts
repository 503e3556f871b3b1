// Provider-neutral chat model: OpenAI's chat.completions shapes, which every adapter speaks.
// Unknown request fields are kept (index signatures) and passed through to OpenAI-compatible
// upstreams untouched.

export type ProviderKind = "openai" | "anthropic" | "simulated";
export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "function_call";

/** A content part: "text" (text), "image_url" (image_url) or any other OpenAI part type, passed on as is. */
export interface ContentPart {
  type: "text" | "image_url" | (string & {});
  text?: string;
  image_url?: { url: string; detail?: string };
  [key: string]: unknown;
}

export interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface ChatMessage {
  role: "system" | "developer" | "user" | "assistant" | "tool";
  content: string | ContentPart[] | null;
  name?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  [key: string]: unknown;
}

export interface ChatTool {
  type: "function";
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

export type ToolChoice = "auto" | "none" | "required" | { type: "function"; function: { name: string } };

export interface ChatRequest {
  model?: string;
  messages: ChatMessage[];
  tools?: ChatTool[];
  tool_choice?: ToolChoice;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  stop?: string | string[] | null;
  n?: number;
  user?: string;
  metadata?: Record<string, string>;
  response_format?: { type: string; [key: string]: unknown };
  logprobs?: boolean;
  top_logprobs?: number;
  stream?: boolean;
  stream_options?: { include_usage?: boolean; [key: string]: unknown };
  [key: string]: unknown;
}

export interface TokenLogprob { token: string; logprob: number; bytes?: number[] | null; top_logprobs?: unknown[] }
export interface ChoiceLogprobs { content: TokenLogprob[] | null; [key: string]: unknown }
export interface CompletionUsage { prompt_tokens: number; completion_tokens: number; total_tokens: number; [key: string]: unknown }

export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: { role: "assistant"; content: string | null; tool_calls?: ToolCall[]; refusal?: string | null; [key: string]: unknown };
    finish_reason: FinishReason | null;
    logprobs?: ChoiceLogprobs | null;
  }>;
  usage?: CompletionUsage;
  [key: string]: unknown;
}

export interface ChunkToolCallDelta {
  index: number;
  id?: string;
  type?: "function";
  function?: { name?: string; arguments?: string };
}

export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: { role?: "assistant"; content?: string | null; tool_calls?: ChunkToolCallDelta[]; [key: string]: unknown };
    finish_reason: FinishReason | null;
    logprobs?: ChoiceLogprobs | null;
  }>;
  usage?: CompletionUsage | null;
  [key: string]: unknown;
}

/** One configured tier as the adapters see it. `options` is provider-specific (validated by the adapter). */
export interface ProviderTarget {
  name: string;
  provider: ProviderKind;
  baseUrl?: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  options?: Record<string, unknown>;
  /** The tier's deployments, when it lists several upstreams (deployment-pool.ts picks one per call). */
  deployments?: DeploymentTarget[];
}

/** One deployment of a tier: its weight and region, and the target a call to it uses (its base URL, key, model). */
export interface DeploymentTarget {
  name: string;
  weight: number;
  region?: string;
  target: ProviderTarget;
}

export interface CallOptions {
  signal?: AbortSignal;
  stream?: boolean;
  wantLogprobs?: boolean;
  /** Headers added to this call's upstream request (the gateway's trace context: `traceparent`). */
  headers?: Record<string, string>;
  /** Clock in ms (default performance.now) — used for upstreamMs and by the simulated provider. */
  now?: () => number;
  /** Uniform [0,1) randomness for the simulated provider (default Math.random). */
  rng?: () => number;
  /** Sleep used by the simulated provider (default a real, abortable setTimeout). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface Usage { promptTokens: number; completionTokens: number; estimated?: boolean }

export interface Answer {
  content: string;
  finishReason: FinishReason | null;
  /** Per-token logprobs of the answer, when the upstream returned them. */
  logprobs?: number[];
  toolCalls?: ToolCall[];
}

export interface ProviderResult {
  response: ChatCompletion;
  /** The upstream's JSON text `response` was parsed from, when there is one (OpenAI-compatible
   *  upstreams): sent to the client as received when nothing has to be removed from it. */
  raw?: string;
  usage: Usage;
  answer: Answer;
  upstreamMs: number;
}

export interface StreamSummary {
  usage: Usage;
  answer: Answer;
  /** Whole stream, from the call to the last byte. */
  upstreamMs: number;
  /** From the call to the first chunk carrying content or tool calls (null if none came). */
  firstTokenMs: number | null;
}

/**
 * A started stream (the upstream already answered 200). Consume exactly ONE view:
 * `chunks()` parsed OpenAI chunk objects, or `sse()` ready-to-send SSE bytes (for OpenAI-compatible
 * upstreams the upstream's own bytes, zero-copy; for the others serialized chunks + `data: [DONE]`).
 * `summary` settles when the stream ends (rejects with the ProviderError that ended it).
 */
export interface ProviderStream {
  chunks(): AsyncIterable<ChatCompletionChunk>;
  sse(): AsyncIterable<Uint8Array>;
  summary: Promise<StreamSummary>;
  /** What the upstream produced until now — for a stream the consumer left or that broke: the
   *  content so far, usage if the upstream sent it, else estimated (prompt and content so far). */
  soFar(): StreamSummary;
  /** Stops the stream and closes the upstream connection. */
  abort(): void;
}
