/** What an upstream call gives back to the execution machine: usage, or a classified failure. */

export type Usage = { promptTokens: number; completionTokens: number; estimated?: boolean };

/** An upstream failure, classified by the driver (for OpenAI-compatible, Anthropic and simulated
 *  upstreams: the ProviderError's kind). "aborted" means the client went away; "internal" is
 *  anything that is not an upstream error. `raw` is the original error, handed back in the result. */
export type Failure = {
  kind: "http" | "timeout" | "stalled" | "connection" | "aborted" | "invalid_response" | "internal";
  status?: number;
  retryable?: boolean;
  message: string;
  raw?: unknown;
};
