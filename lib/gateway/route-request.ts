/**
 * The front half every routed /api/v1 call shares: the runtime's config → API key → per-key rate
 * limit → body → model → the engine's decision. A rejection (budget, unknown model, no tier)
 * is thrown as its OpenAI-shaped error.
 */
import type { GatewayConfig, GatewayKey } from "../config/load-gateway-config";
import { decide } from "../routing/decide";
import { isRejection, type Decision, type RouteRequest } from "../routing/types";
import type { ChatRequestBody } from "./chat-request-schema";
import type { GatewayRequest } from "./gateway-io";
import { loadedRuntime, type GatewayRuntime } from "./gateway-runtime";
import { authenticate, enforceRateLimit, engineContext, readChatBody, resolveModel, toRouteRequest } from "./prepare-request";
import { rejectionError } from "./respond";

export type RoutedRequest = {
  runtime: GatewayRuntime;
  config: GatewayConfig;
  key: GatewayKey;
  body: ChatRequestBody;
  request: RouteRequest;
  decision: Decision;
  /** Time decide() took. */
  routingMs: number;
};

export async function routeRequest(req: GatewayRequest): Promise<RoutedRequest> {
  const { runtime, config } = await loadedRuntime();
  const key = authenticate(req, config);
  enforceRateLimit(runtime, key);
  const body = await readChatBody(req); // only now: a request without a valid key is refused unread
  const resolved = resolveModel(body.model, key, config);
  const request = toRouteRequest(body, req, resolved);
  const ctx = engineContext(runtime, key, request);
  const started = performance.now();
  const decision = decide(config.snapshot, resolved.policy, request, ctx);
  const routingMs = performance.now() - started;
  if (isRejection(decision)) throw rejectionError(decision);
  return { runtime, config, key, body, request, decision, routingMs };
}
