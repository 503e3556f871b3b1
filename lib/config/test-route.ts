/**
 * The rules page's test bench: the decision the engine would make for a prompt with the SAVED
 * config (freshly loaded from the database, as a gateway would after a reload), without calling
 * any upstream and without recording anything. All tiers are assumed healthy and no session pin
 * or budget applies (pins and budgets belong to an API key on a running gateway); the trace
 * carries real per-stage timings.
 */
import { AppError } from "../http/app-error";
import { decide } from "../routing/decide";
import type { Decision, EngineContext, Rejection, RouteRequest } from "../routing/types";
import type { TestRouteInput } from "./config-schemas";
import { loadGatewayConfig } from "./load-gateway-config";

export type TestRouteResult = {
  result: Decision | Rejection;
  /** The classifier the decision would use (trained for this policy, or the built-in scorer). */
  classifier: { kind: "trained" | "heuristic"; id: string } | null;
  /** Config problems the snapshot reported (e.g. a rule that could not be compiled). */
  warnings: string[];
  loadedAt: string;
};

function explicitTier(model: string | undefined, policy: string): string | undefined {
  if (!model || model === "frontdesk/auto" || model === "auto" || model === `frontdesk/${policy}`) return undefined;
  if (model.startsWith("frontdesk/")) {
    throw new AppError("bad_request", `The bench tests policy "${policy}"; pick that policy instead of ${model}.`, { issues: [{ path: "model", message: `Use frontdesk/${policy} or a tier name.` }] });
  }
  return model;
}

/** Snapshot warnings about this policy or one of its tiers. */
function concernsPolicy(warning: string, policy: string, tiers: readonly string[]): boolean {
  if (warning.startsWith(`policy "${policy}" `) || warning.startsWith(`policy ${policy}:`)) return true;
  return tiers.some((t) => warning.startsWith(`tier ${t}:`));
}

export async function testRoute(policyName: string, input: TestRouteInput): Promise<TestRouteResult> {
  const config = await loadGatewayConfig();
  const { snapshot } = config;
  const policy = snapshot.policies.get(policyName);
  if (!policy) throw new AppError("not_found", `No policy named "${policyName}".`);
  const request: RouteRequest = {
    messages: [{ role: "user", content: input.prompt }],
    ...(input.category ? { category: input.category } : {}),
    ...(input.session ? { sessionKey: input.session } : {}),
  };
  const tier = explicitTier(input.model, policyName);
  if (tier) request.explicitTier = tier;
  const ctx: EngineContext = { now: Date.now(), rng: () => 0.5, health: () => "healthy", clock: () => performance.now() };
  const result = decide(snapshot, policyName, request, ctx);
  const trained = snapshot.classifiers.get(policyName);
  const usesTrained = trained && trained.tierCount === policy.tiers.length;
  return {
    result,
    classifier: policy.tiers.length < 2 ? null : usesTrained ? { kind: "trained", id: trained.id } : { kind: "heuristic", id: "builtin" },
    warnings: config.warnings.filter((w) => concernsPolicy(w, policyName, policy.tiers)),
    loadedAt: new Date(config.loadedAt).toISOString(),
  };
}
