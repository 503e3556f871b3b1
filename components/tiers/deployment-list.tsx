import { formatDateTime } from "@/components/charts/format";
import { Badge } from "@/components/ui/badge";
import type { TierView } from "@/lib/config/tier-view";
import type { DeploymentState } from "@/lib/providers/deployment-pool";

type Props = {
  tier: TierView;
  /** This instance's live states (undefined while loading or when the read failed). */
  states: DeploymentState[] | undefined;
  isError: boolean;
};

function StateBadge({ state }: { state: DeploymentState | undefined }) {
  if (!state) return <Badge tone="slate">no calls yet</Badge>;
  if (state.status === "cooling") return <Badge tone="amber">cooling down until {formatDateTime(state.until!)}</Badge>;
  if (state.status === "ejected") return <Badge tone="red">ejected until {formatDateTime(state.until!)}</Badge>;
  return <Badge tone="green">healthy</Badge>;
}

/** A tier's deployments in the catalog: name, region, weight and share, key hint, and this instance's live state. */
export function DeploymentList({ tier, states, isError }: Props) {
  const total = tier.deployments.reduce((sum, d) => sum + d.weight, 0);
  return (
    <div className="mt-2 space-y-1">
      <ul className="space-y-1" aria-label={`Deployments of ${tier.name}`}>
        {tier.deployments.map((d) => {
          const state = states?.find((s) => s.tier === tier.name && s.name === d.name);
          const hint = tier.deploymentKeyHints[d.name];
          return (
            <li key={d.name} className="text-xs text-slate-600">
              <div className="flex flex-wrap items-center gap-1">
                <span className="font-medium text-slate-800">{d.name}</span>
                {d.region && <span>· {d.region}</span>}
                <span className="tabular-nums">
                  · weight {d.weight} ({Math.round((100 * d.weight) / total)}%)
                </span>
                <span>
                  · key {hint ? <span className="font-mono">{hint}</span> : "none"}
                </span>
                {states && <StateBadge state={state} />}
                {state && state.inFlight > 0 && <span className="tabular-nums">· {state.inFlight} in flight</span>}
              </div>
              <div className="truncate" title={d.baseUrl}>
                {d.baseUrl}
                {d.model ? ` · ${d.model}` : ""}
              </div>
              {state?.lastError && state.status !== "healthy" && <div className="truncate text-slate-500" title={state.lastError}>last error: {state.lastError}</div>}
            </li>
          );
        })}
      </ul>
      <p className="text-xs text-slate-500">
        {isError ? "Live state unavailable." : "Live state of this gateway instance (refreshed every 5 s); with several instances each keeps its own."}
      </p>
    </div>
  );
}
