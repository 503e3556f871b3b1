/**
 * The rules page's test bench: the decision the engine would make for a prompt with the SAVED
 * config (freshly loaded from the database, as a gateway would after a reload), without calling
 * any upstream and without recording anything. All tiers are assumed healthy and no session pin
 * or budget applies (pins and budgets belong to an API key on a running gateway); the trace
 * carries real per-stage timings. With `rules` (a draft) the policy decides with those instead
 * of its saved rules. Either way every rule says why it matched or missed (explainRules).
 */
import { AppError } from "../http/app-error";
import { withPolicyRules } from "../routing/build-snapshot";
import { decide } from "../routing/decide";
import { explainRules, type RuleExplanation } from "../routing/explain-rules";
import { resolvePolicyTiers, usableTierNames } from "../routing/policy-tiers";
import { readRequestText } from "../routing/request-text";
import type { Decision, EngineContext, Rejection, RouteRequest } from "../routing/types";
import type { TestRouteInput } from "./config-schemas";
import { loadGatewayConfig } from "./load-gateway-config";
import { ruleListProblems } from "./manage-rules";

export type TestRouteResult = {
  result: Decision | Rejection;
  /** The classifier the decision would use (trained for this policy, or the built-in scorer). */
  classifier: { kind: "trained" | "heuristic"; id: string } | null;
  /** Config problems the snapshot reported (e.g. a rule that could not be compiled). */
  warnings: string[];
  loadedAt: string;
  /** Decided with the draft rules sent, not the saved ones. */
  isDraft: boolean;
  /** Per rule, in order: matched, missed (and why), disabled… */
  rules: RuleExplanation[];
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
  const saved = config.snapshot.policies.get(policyName);
  if (!saved) throw new AppError("not_found", `No policy named "${policyName}".`);
  if (input.rules) {
    const problems = ruleListProblems(input.rules, saved.tiers);
    if (problems.length) throw new AppError("bad_request", problems.map((i) => `${i.path}: ${i.message}`).join("; "), { issues: problems });
  }
  const snapshot = input.rules ? withPolicyRules(config.snapshot, policyName, input.rules) : config.snapshot;
  const policy = snapshot.policies.get(policyName)!;
  const request: RouteRequest = {
    messages: [{ role: "user", content: input.prompt }],
    ...(input.category ? { category: input.category } : {}),
    ...(input.session ? { sessionKey: input.session } : {}),
  };
  const tier = explicitTier(input.model, policyName);
  if (tier) request.explicitTier = tier;
  const ctx: EngineContext = { now: Date.now(), rng: () => 0.5, health: () => "healthy", clock: () => performance.now() };
  const result = decide(snapshot, policyName, request, ctx);
  const usable = usableTierNames(resolvePolicyTiers(policy, snapshot.tiers));
  const compiled = snapshot.compiled.get(policyName)!;
  const rules = explainRules(compiled, { category: input.category, text: readRequestText(request.messages) }, (t) => usable.includes(t));
  const trained = snapshot.classifiers.get(policyName);
  const usesTrained = trained && trained.tierCount === policy.tiers.length;
  return {
    result,
    classifier: policy.tiers.length < 2 ? null : usesTrained ? { kind: "trained", id: trained.id } : { kind: "heuristic", id: "builtin" },
    warnings: (input.rules ? [...config.warnings.filter((w) => !w.startsWith(`policy "${policyName}" rule `)), ...snapshot.warnings.filter((w) => w.startsWith(`policy "${policyName}" rule `))] : config.warnings).filter((w) =>
      concernsPolicy(w, policyName, policy.tiers),
    ),
    loadedAt: new Date(config.loadedAt).toISOString(),
    isDraft: !!input.rules,
    rules,
  };
}
