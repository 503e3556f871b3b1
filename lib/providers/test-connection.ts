// The console's "test connection" button: GET the provider's model list with a short timeout
// (no tokens spent), or a tiny simulated call.
import { anthropicHeaders, anthropicUrl } from "./anthropic";
import { joinUrl } from "./http-pool";
import { OPENAI_DEFAULT_BASE_URL, openAiHeaders } from "./openai";
import { isProviderError } from "./provider-error";
import { callSimulated } from "./simulated";
import { networkOptions, openCall, parseJson } from "./upstream-request";
import type { ProviderTarget } from "./types";

export interface ConnectionResult {
  ok: boolean;
  latencyMs: number;
  message: string;
}

export const TEST_CONNECTION_TIMEOUT_MS = 5000;

async function listModels(target: ProviderTarget, timeoutMs: number): Promise<string> {
  const options = networkOptions(target);
  const isAnthropic = target.provider === "anthropic";
  const { call } = await openCall({
    url: isAnthropic ? anthropicUrl(target.baseUrl, "/models") : joinUrl(target.baseUrl ?? OPENAI_DEFAULT_BASE_URL, "/models"),
    method: "GET",
    headers: isAnthropic ? anthropicHeaders(target, false) : openAiHeaders(target, options, false),
    timeoutMs,
    maxSockets: options.maxSockets,
  });
  const list = parseJson<{ data?: Array<{ id?: string }> }>(await call.readText(), "the model list");
  const ids = (list.data ?? []).map((m) => m.id);
  if (ids.length === 0) return "connected (the upstream lists no models)";
  return ids.includes(target.model)
    ? `connected; model ${target.model} is available`
    : `connected, but model ${target.model} is not in the upstream's list of ${ids.length} (first: ${ids.slice(0, 3).join(", ")})`;
}

export async function testConnection(target: ProviderTarget, timeoutMs = Math.min(target.timeoutMs, TEST_CONNECTION_TIMEOUT_MS)): Promise<ConnectionResult> {
  const started = performance.now();
  try {
    let message: string;
    if (target.provider === "simulated") {
      await callSimulated({ ...target, timeoutMs }, { messages: [{ role: "user", content: "ping" }], max_tokens: 1 }, { sleep: async () => {} });
      message = "simulated provider: options valid, no network involved";
    } else message = await listModels(target, timeoutMs);
    return { ok: true, latencyMs: performance.now() - started, message };
  } catch (error) {
    const message = isProviderError(error)
      ? `${error.kind}${error.status ? ` ${error.status}` : ""}: ${error.message}`
      : error instanceof Error ? error.message : String(error);
    return { ok: false, latencyMs: performance.now() - started, message };
  }
}
