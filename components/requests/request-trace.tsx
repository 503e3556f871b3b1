import { formatPercent, formatUsd } from "@/components/charts/format";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import type { DecisionView } from "@/lib/labeling/queue-item";
import { prepareTrace } from "./prepare-request-detail";

const OUTCOME_TONES = { hit: "green", miss: "slate", skip: "amber", error: "red", info: "blue" } as const;

/**
 * The engine's decision: reason, scores against thresholds, plan, and every stage with its µs.
 * Takes a fresh Decision (test bench) as well as a logged one, read defensively (request log, labeling).
 */
export function RequestTrace({ decision }: { decision: Partial<DecisionView> }) {
  const th = decision.thresholds;
  const p = decision.scores?.p ?? [];
  return (
    <div className="space-y-4 text-sm">
      <p className="text-slate-800">{decision.reason}</p>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-4">
        <Item label="Engine stage" value={decision.stage ?? "—"} />
        <Item label="Rule" value={decision.rule ?? "—"} />
        <Item label="Classifier" value={decision.scores ? `${decision.scores.classifier.kind} ${decision.scores.classifier.id}` : "—"} />
        <Item label="Uncertainty" value={decision.uncertainty !== undefined ? decision.uncertainty.toFixed(2) : "—"} />
        <Item label="Scores p[k]" value={p.length ? p.map((x) => x.toFixed(3)).join(", ") : "—"} />
        <Item label="Bias / λ" value={th ? `${th.bias.toFixed(2)} / ${formatUsd(th.lambdaUsd)}` : "—"} />
        <Item label="Fallbacks" value={decision.fallbacks?.length ? decision.fallbacks.join(" → ") : "none"} />
        <Item label="Escalation" value={decision.escalation ? `→ ${decision.escalation.nextTier} below ${formatPercent(decision.escalation.minConfidence, 0)} confidence` : "off"} />
      </dl>
      {th && th.steps.length > 0 && (
        <DataTable variant="plain" caption="Thresholds" hasRowDividers={false} columns={["Step", "Extra cost", "Step up when P ≥"]}>
          {th.steps.map((s) => (
            <tr key={`${s.from}-${s.to}`}>
              <td className="py-1 pr-3">{`${s.from} → ${s.to}`}</td>
              <td className="py-1 pr-3 tabular-nums">{formatUsd(s.costDeltaUsd)}</td>
              <td className="py-1 tabular-nums">{s.minProbability.toFixed(3)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <DataTable variant="plain" caption="Decision trace" columns={["Stage", "Outcome", "Detail", { label: "Time", isNumeric: true }]}>
        {prepareTrace(decision.trace).map((s, i) => (
          <tr key={i}>
            <td className="py-1.5 pr-3 font-medium text-slate-800">{s.stage}</td>
            <td className="py-1.5 pr-3">
              <Badge tone={OUTCOME_TONES[s.outcome as keyof typeof OUTCOME_TONES] ?? "slate"}>{s.outcome}</Badge>
            </td>
            <td className="py-1.5 pr-3 text-slate-600">{s.detail}</td>
            <td className="whitespace-nowrap py-1.5 text-right tabular-nums text-slate-600">{s.time}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

function Item({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-medium text-slate-800">{value}</dd>
    </div>
  );
}
