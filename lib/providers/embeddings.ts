// Embeddings upstreams: an OpenAI-compatible tier gets POST {baseUrl}/embeddings (model replaced by
// the tier's, the request's input, encoding_format, dimensions and user passed on); a simulated
// tier answers deterministic unit vectors (the same text always gets the same vector) without a
// network. Anthropic has no embeddings API (tierSchema refuses such tiers).
import { estimateTokens } from "../routing/estimate-tokens";
import { monotonicNow } from "./answer";
import { joinUrl, getPool } from "./http-pool";
import { openAiHeaders, OPENAI_DEFAULT_BASE_URL } from "./openai";
import { ProviderError, withContext } from "./provider-error";
import { createRng, normal } from "./simulated-random";
import { networkOptions, openCall, parseJson, withCallHeaders } from "./upstream-request";
import type { ProviderTarget } from "./types";

export type EmbeddingsInput = string | string[] | number[] | number[][];

export interface EmbeddingsRequest {
  input: EmbeddingsInput;
  encoding_format?: "float" | "base64";
  dimensions?: number;
  user?: string;
}

export interface EmbeddingsResponse {
  object: "list";
  data: Array<{ object: "embedding"; index: number; embedding: number[] | string }>;
  model: string;
  usage?: { prompt_tokens: number; total_tokens: number };
  [key: string]: unknown;
}

export interface EmbeddingsResult {
  response: EmbeddingsResponse;
  /** The upstream's JSON text, sent to the client as received. */
  raw?: string;
  promptTokens: number;
  /** True when the upstream reported no usage and the tokens were estimated from the input. */
  estimated: boolean;
  upstreamMs: number;
}

/** Default vector size of simulated embeddings (`options.dimensions` or the request's `dimensions` override it). */
export const SIMULATED_DIMENSIONS = 256;

/** The input's texts (token-id arrays count one character a token). */
function inputTexts(input: EmbeddingsInput): string[] {
  if (typeof input === "string") return [input];
  if (input.length === 0) return [];
  if (typeof input[0] === "number") return [" ".repeat(input.length)];
  return (input as Array<string | number[]>).map((item) => (typeof item === "string" ? item : " ".repeat(item.length)));
}

/** Estimated input tokens, for upstreams that report no usage. */
export function estimateInputTokens(input: EmbeddingsInput): number {
  return inputTexts(input).reduce((sum, text) => sum + Math.max(1, estimateTokens(text.length)), 0);
}

export async function callEmbeddings(target: ProviderTarget, request: EmbeddingsRequest, opts: { signal?: AbortSignal; now?: () => number; headers?: Record<string, string> } = {}): Promise<EmbeddingsResult> {
  const now = opts.now ?? monotonicNow;
  const started = now();
  try {
    if (target.provider === "simulated") return simulate(target, request, now() - started);
    if (target.provider !== "openai") throw new ProviderError({ kind: "invalid_response", retryable: false, message: `provider "${target.provider}" has no embeddings API` });
    const options = networkOptions(target);
    const url = joinUrl(target.baseUrl ?? OPENAI_DEFAULT_BASE_URL, "/embeddings");
    const body = JSON.stringify({ ...request, model: target.model });
    const { call } = await openCall({ url, pool: getPool(url, options.maxSockets), headers: withCallHeaders(openAiHeaders(target, options, false), opts.headers), body, timeoutMs: target.timeoutMs, maxSockets: 0, signal: opts.signal });
    const raw = await call.readText();
    const response = parseJson<EmbeddingsResponse>(raw, "embeddings");
    if (!response || !Array.isArray(response.data)) throw new ProviderError({ kind: "invalid_response", message: `upstream answer has no data: ${raw.slice(0, 200)}` });
    const reported = response.usage?.prompt_tokens;
    const estimated = typeof reported !== "number";
    return { response, raw, promptTokens: estimated ? estimateInputTokens(request.input) : reported, estimated, upstreamMs: now() - started };
  } catch (error) {
    throw withContext(error, target.name, now() - started);
  }
}

function simulate(target: ProviderTarget, request: EmbeddingsRequest, upstreamMs: number): EmbeddingsResult {
  const configured = (target.options as { dimensions?: unknown } | undefined)?.dimensions;
  const dimensions = request.dimensions ?? (typeof configured === "number" ? configured : SIMULATED_DIMENSIONS);
  const promptTokens = estimateInputTokens(request.input);
  const data = inputTexts(request.input).map((text, index) => {
    const vector = simulatedVector(`${target.model}\u0000${text}`, dimensions);
    return { object: "embedding" as const, index, embedding: request.encoding_format === "base64" ? toBase64(vector) : vector };
  });
  const response: EmbeddingsResponse = { object: "list", data, model: target.model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } };
  return { response, promptTokens, estimated: true, upstreamMs };
}

/** A unit vector seeded by the text's FNV-1a hash: deterministic, different texts differ. */
export function simulatedVector(text: string, dimensions: number): number[] {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  const rng = createRng(hash >>> 0);
  const vector = Array.from({ length: dimensions }, () => normal(rng));
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0)) || 1;
  return vector.map((v) => v / norm);
}

/** OpenAI's base64 encoding: the float32 values, little-endian. */
function toBase64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString("base64");
}
