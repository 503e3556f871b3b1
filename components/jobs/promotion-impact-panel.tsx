"use client";

import { Alert } from "@/components/ui/alert";
import { DataTable } from "@/components/ui/data-table";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { prepareImpactRows, volumeNote, type ImpactTone } from "./prepare-promotion-impact";
import { usePromotionImpact } from "./use-classifiers";

const TONE_STYLE: Record<ImpactTone, string> = { better: "text-emerald-700", worse: "text-red-700", same: "text-slate-600" };
const TONE_TEXT: Record<ImpactTone, string> = { better: "better", worse: "worse", same: "" };

/**
 * Inside the promote dialog: what this version would change for the policy at its saved bias —
 * cost per 1,000 and per month at the current volume, the share of adequate answers — projected
 * on the same requests routed by the current classifier and by this one, with an amber warning
 * when cost rises more than 10% or quality falls.
 */
export function PromotionImpactPanel({ versionId, isOpen }: { versionId: string; isOpen: boolean }) {
  const impact = usePromotionImpact(versionId, isOpen);
  if (impact.isPending) return <LoadingRows rows={3} label="Projecting the change on recent traffic" />;
  if (impact.isError) return <ErrorState message={`No projection: ${impact.error.message}`} onRetry={() => impact.refetch()} />;
  const data = impact.data;
  const rows = prepareImpactRows(data);
  return (
    <section aria-label="Projected impact" className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-900">
        Projected impact at bias {data.bias.toFixed(2)}: {data.before.classifier} → {data.after.classifier}
      </h3>
      {data.warnings.length > 0 && (
        <Alert variant="warning" title="Check before promoting" role="note">
          <ul className="list-disc pl-4">
            {data.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Alert>
      )}
      <DataTable label="Projected impact" columns={["", { label: "Now", isNumeric: true }, { label: "After", isNumeric: true }, { label: "Change", isNumeric: true }]} variant="plain">
        {rows.map((r) => (
          <tr key={r.key} data-testid={`impact-${r.key}`}>
            <th scope="row" className="py-1 pr-3 text-left font-normal text-slate-700">
              {r.label}
            </th>
            <td className="whitespace-nowrap py-1 pr-3 text-right tabular-nums text-slate-600">{r.before}</td>
            <td className="whitespace-nowrap py-1 pr-3 text-right tabular-nums font-medium text-slate-900">{r.after}</td>
            <td className={`whitespace-nowrap py-1 text-right tabular-nums ${TONE_STYLE[r.tone]}`}>
              {r.change}
              {TONE_TEXT[r.tone] && <span className="sr-only"> ({TONE_TEXT[r.tone]})</span>}
            </td>
          </tr>
        ))}
      </DataTable>
      <p className="text-xs text-slate-500" data-testid="impact-source">
        Projected from {data.source}. {volumeNote(data)} Quality is the share of answers judged adequate.
        {data.notes.map((n) => ` ${n}`).join("")}
      </p>
    </section>
  );
}
