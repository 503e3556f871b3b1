import { withRoute } from "@/lib/auth/with-route";
import { gatewayRuntime } from "@/lib/gateway/gateway-runtime";

export const dynamic = "force-dynamic";

/**
 * Each tier deployment's live state in the gateway of THIS process (cooling down until …,
 * ejected, healthy, calls in flight): kept per instance, not shared, so with several instances
 * each answers for itself. `loaded` false: this process's gateway has not loaded its config.
 */
export const GET = withRoute({ permission: "tiers:manage" }, async () => {
  const runtime = gatewayRuntime();
  return { instance: runtime.instanceId, loaded: runtime.config !== null, checkedAt: Date.now(), deployments: runtime.deploymentStates() };
});
