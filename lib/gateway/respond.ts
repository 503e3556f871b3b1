/**
 * Turning an execution into the HTTP response: x-frontdesk-* headers, OpenAI-shaped errors for
 * upstream failures, and SSE bodies for streams (buffered replay or live pass-through).
 */
import { isProviderError, type ProviderStream, type StreamSummary } from "../providers/index";
import type { Decision } from "../routing/types";
import { GatewayError } from "./openai-errors";

export type FrontdeskHeaders = { tier: string; model: string; stage: string; decisionId: string; overheadMs: number };

/** The x-frontdesk-* headers, added to `into` (a response's other headers, which come first) rather than spread into a copy. */
export function frontdeskHeaders(h: FrontdeskHeaders, into: Record<string, string> = {}): Record<string, string> {
  into["x-frontdesk-tier"] = h.tier;
  into["x-frontdesk-model"] = h.model;
  into["x-frontdesk-stage"] = h.stage;
  into["x-frontdesk-decision-id"] = h.decisionId;
  into["x-frontdesk-overhead-ms"] = h.overheadMs.toFixed(3);
  return into;
}

const CLIENT_ERROR_STATUSES = new Set([400, 413, 422]);

/** The client-facing error for an upstream failure that could not be routed around. */
export function upstreamFailure(error: unknown, tier: string): GatewayError {
  if (error instanceof GatewayError) return error;
  if (isProviderError(error)) {
    if (error.kind === "http" && error.status && CLIENT_ERROR_STATUSES.has(error.status)) {
      return new GatewayError(error.status, `The upstream of tier '${tier}' rejected the request: ${error.message}`, "upstream_rejected");
    }
    if (error.kind === "timeout" || error.kind === "stalled") {
      return new GatewayError(504, `The upstream of tier '${tier}' did not answer in time (${error.kind}).`, "upstream_timeout");
    }
    if (error.kind === "aborted") return new GatewayError(499, "The client closed the request.", "client_closed");
    return new GatewayError(502, `The upstream of tier '${tier}' failed: ${error.message}`, "upstream_error");
  }
  return new GatewayError(502, `Calling tier '${tier}' failed: ${error instanceof Error ? error.message : String(error)}`, "upstream_error");
}

export function rejectionError(rejection: { rejected: string; reason: string }): GatewayError {
  switch (rejection.rejected) {
    case "budget":
      return new GatewayError(429, `Monthly budget exhausted for this API key. ${rejection.reason}`, "budget_exceeded");
    case "unknown-policy":
    case "unknown-tier":
      return new GatewayError(404, rejection.reason, "model_not_found", "model");
    case "no-capable-tier":
      return new GatewayError(400, rejection.reason, "no_capable_tier");
    default:
      return new GatewayError(503, rejection.reason, "no_tier_available");
  }
}

export const SSE_HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive" };

export async function* bufferedBody(chunks: Uint8Array[]): AsyncIterable<Uint8Array> {
  yield* chunks;
}

const encoder = new TextEncoder();

export type LiveBodyEnd = { summary: StreamSummary } | { error: unknown; partial: StreamSummary } | { clientClosed: true; partial: StreamSummary };

/**
 * A live SSE body: upstream bytes pass through as they arrive. `onEnd` gets the stream's summary,
 * or the error that broke it (then the client receives an error event and the stream ends), or
 * `clientClosed` when the consumer stopped early (the client went away): the upstream call is
 * aborted then. Both early ends carry `partial`: what the upstream produced until then (billed).
 */
export async function* liveBody(stream: ProviderStream, onEnd: (end: LiveBodyEnd) => void): AsyncIterable<Uint8Array> {
  let finished = false;
  try {
    yield* stream.sse();
    const summary = await stream.summary;
    finished = true;
    onEnd({ summary });
  } catch (error) {
    finished = true;
    const message = isProviderError(error) ? `${error.kind}: ${error.message}` : String(error);
    onEnd({ error, partial: stream.soFar() });
    yield encoder.encode(`data: ${JSON.stringify({ error: { message: `The upstream stream broke: ${message}`, type: "api_error", code: "upstream_stream_error", param: null } })}\n\n`);
  } finally {
    if (!finished) {
      stream.abort();
      onEnd({ clientClosed: true, partial: stream.soFar() });
    }
  }
}

export type { Decision };
