// The console's "test connection" button: GET the provider's model list with a short timeout
// (no tokens spent), or a tiny simulated call. The result says only whether it worked, the HTTP
// status and the class of failure: never the upstream's response text, so pointing a tier at an
// internal address cannot turn this button into a way to read that address's pages (SSRF read).
import { anthropicHeaders, anthropicUrl } from "./anthropic";
import { joinUrl } from "./http-pool";
import { OPENAI_DEFAULT_BASE_URL, openAiHeaders } from "./openai";
import { isProviderError, type ProviderErrorKind } from "./provider-error";
import { callSimulated } from "./simulated";
import { networkOptions, openCall } from "./upstream-request";
import type { ProviderTarget } from "./types";

export interface ConnectionResult {
  ok: boolean;
  latencyMs: number;
  /** The upstream's HTTP status, when it answered. */
  status?: number;
  /** The class of failure (http, timeout, connection, …); absent when ok. */
  errorKind?: ProviderErrorKind | "error";
  /** Built from ok, status and errorKind only. */
  message: string;
}

export const TEST_CONNECTION_TIMEOUT_MS = 5000;

const HTTP_HINTS: Record<number, string> = {
  401: " (check the API key)",
  403: " (check the API key and its permissions)",
  404: " (check the base URL)",
  429: " (rate limited: the key works)",
};

/** The model list's status; its body is read (to free the socket) and dropped. */
async function listModels(target: ProviderTarget, timeoutMs: number): Promise<number> {
  const options = networkOptions(target);
  const isAnthropic = target.provider === "anthropic";
  const { call, res } = await openCall({
    url: isAnthropic ? anthropicUrl(target.baseUrl, "/models") : joinUrl(target.baseUrl ?? OPENAI_DEFAULT_BASE_URL, "/models"),
    method: "GET",
    headers: isAnthropic ? anthropicHeaders(target, false) : openAiHeaders(target, options, false),
    timeoutMs,
    maxSockets: options.maxSockets,
  });
  await call.readText();
  return res.statusCode;
}

function failureMessage(kind: ProviderErrorKind | "error", status: number | undefined, timeoutMs: number): string {
  switch (kind) {
    case "http":
      return `http ${status}: the upstream refused the request${HTTP_HINTS[status ?? 0] ?? ""}`;
    case "timeout":
      return `timeout: no answer within ${timeoutMs} ms`;
    case "connection":
    case "stalled":
      return `connection: could not connect or the connection broke (check the base URL and that the host is reachable)`;
    case "invalid_response":
      return "invalid_response: the tier's options or the upstream's answer could not be used";
    default:
      return `${kind}: the test failed`;
  }
}

export async function testConnection(target: ProviderTarget, timeoutMs = Math.min(target.timeoutMs, TEST_CONNECTION_TIMEOUT_MS)): Promise<ConnectionResult> {
  const started = performance.now();
  const latency = () => performance.now() - started;
  if (target.provider === "simulated") {
    // No network involved: the simulated provider's own messages are safe to show.
    try {
      await callSimulated({ ...target, timeoutMs }, { messages: [{ role: "user", content: "ping" }], max_tokens: 1 }, { sleep: async () => {} });
      return { ok: true, latencyMs: latency(), message: "simulated provider: options valid, no network involved" };
    } catch (error) {
      return { ok: false, latencyMs: latency(), errorKind: isProviderError(error) ? error.kind : "error", message: error instanceof Error ? error.message : String(error) };
    }
  }
  try {
    const status = await listModels(target, timeoutMs);
    return { ok: true, latencyMs: latency(), status, message: `connected: the upstream answered HTTP ${status}` };
  } catch (error) {
    const errorKind = isProviderError(error) ? error.kind : "error";
    const status = isProviderError(error) ? error.status : undefined;
    return { ok: false, latencyMs: latency(), errorKind, ...(status ? { status } : {}), message: failureMessage(errorKind, status, timeoutMs) };
  }
}
