/**
 * POST /api/v1/route — the decision only (dry run: no upstream call, nothing recorded).
 * GET /api/v1/models — the policies and tiers this API key may use (and the embeddings tiers), in OpenAI's list shape,
 * or in Anthropic's (type "model", display_name, created_at, has_more) when the client sends anthropic-version.
 */
import { jsonResponse, type GatewayRequest, type GatewayResponse } from "./gateway-io";
import { loadedRuntime } from "./gateway-runtime";
import { openAiErrorResponse } from "./openai-errors";
import { authenticate } from "./prepare-request";
import { routeRequest } from "./route-request";

export async function handleRouteDryRun(req: GatewayRequest): Promise<GatewayResponse> {
  try {
    const { decision } = await routeRequest(req, { execute: false });
    return jsonResponse(200, { object: "frontdesk.decision", ...decision });
  } catch (error) {
    return openAiErrorResponse(error);
  }
}

export async function handleModels(req: GatewayRequest): Promise<GatewayResponse> {
  try {
    const { config } = await loadedRuntime();
    const key = authenticate(req, config);
    const created = Math.floor(config.loadedAt / 1000);
    const policies = key.policy ? [key.policy] : [...config.snapshot.policies.keys()];
    const tiers = new Set(policies.flatMap((p) => config.snapshot.policies.get(p)?.tiers ?? []));
    const data = [
      { id: "frontdesk/auto", object: "model", created, owned_by: "frontdesk", policy: key.policy ?? config.snapshot.defaultPolicy },
      ...policies.map((p) => ({ id: `frontdesk/${p}`, object: "model", created, owned_by: "frontdesk", policy: p })),
      ...[...tiers]
        .map((t) => config.snapshot.tiers.get(t))
        .filter((t) => t?.enabled)
        .map((t) => ({ id: t!.name, object: "model", created, owned_by: "frontdesk", tier: t!.name, provider: t!.provider, upstream_model: t!.model })),
      // embeddings tiers belong to no policy: every key may call them (POST /api/v1/embeddings)
      ...[...config.snapshot.tiers.values()]
        .filter((t) => t.kind === "embeddings" && t.enabled)
        .map((t) => ({ id: t.name, object: "model", created, owned_by: "frontdesk", tier: t.name, kind: "embeddings", provider: t.provider, upstream_model: t.model })),
    ];
    if (req.header("anthropic-version")) {
      const createdAt = new Date(config.loadedAt).toISOString();
      const models = data.filter((m) => !("kind" in m)).map((m) => ({ type: "model", id: m.id, display_name: m.id, created_at: createdAt }));
      return jsonResponse(200, { data: models, has_more: false, first_id: models[0]?.id ?? null, last_id: models.at(-1)?.id ?? null });
    }
    return jsonResponse(200, { object: "list", data });
  } catch (error) {
    return openAiErrorResponse(error);
  }
}
