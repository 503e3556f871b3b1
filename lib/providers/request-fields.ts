/**
 * Which fields of a chat request reach an upstream, per provider. An explicit allowlist: a field
 * the adapters do not know (a new OpenAI parameter, a vendor extension, a typo) is never sent.
 * The gateway refuses or drops every other field before it gets here (lib/gateway/chat-request-schema.ts).
 */

/** Sent to OpenAI-compatible upstreams as the client gave them (`model` is the tier's, `logprobs`
 *  may be added for confidence scoring). */
export const OPENAI_REQUEST_FIELDS = [
  "messages",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "response_format",
  "temperature",
  "top_p",
  "max_tokens",
  "max_completion_tokens",
  "stop",
  "seed",
  "frequency_penalty",
  "presence_penalty",
  "logit_bias",
  "logprobs",
  "top_logprobs",
  "n",
  "user",
] as const;

/** Set per call by the adapters (a stream is asked for with usage), read from the client's request. */
export const STREAM_FIELDS = ["stream", "stream_options"] as const;

/** What toAnthropicRequest maps to the Messages API (anthropic-map.ts); the other forwarded
 *  fields have no Anthropic equivalent and are ignored on Anthropic tiers. */
export const ANTHROPIC_MAPPED_FIELDS = ["messages", "max_tokens", "max_completion_tokens", "stop", "temperature", "top_p", "user", "tools", "tool_choice", "stream"] as const;
