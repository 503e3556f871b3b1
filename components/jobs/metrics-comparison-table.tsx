import { DataTable } from "@/components/ui/data-table";
import type { MetricRow } from "./prepare-metrics-comparison";

const VERDICT_STYLE = { better: "text-emerald-700", worse: "text-red-700", same: "text-slate-500" } as const;
const VERDICT_TEXT = { better: "candidate better", worse: "candidate worse", same: "no change" } as const;

/** Candidate and active metrics side by side (names in the header tooltips), the change coloured by which side it favours. */
export function MetricsComparisonTable({ rows, candidateName, activeName }: { rows: readonly MetricRow[]; candidateName: string; activeName: string }) {
  return (
    <DataTable
      label="Candidate vs active metrics"
      columns={["Metric", { label: "Candidate", isNumeric: true, title: candidateName }, { label: "Active", isNumeric: true, title: activeName }, { label: "Change", isNumeric: true }]}
      variant="inset"
    >
      {rows.map((r) => (
        <tr key={r.key}>
          <th scope="row" className="whitespace-nowrap px-3 py-1.5 text-left font-medium text-slate-700">
            <abbr title={r.hint} className="no-underline">
              {r.label}
            </abbr>
          </th>
          <td className="px-3 py-1.5 text-right tabular-nums text-slate-900">{r.candidate}</td>
          <td className="px-3 py-1.5 text-right tabular-nums text-slate-600">{r.active}</td>
          <td className={`whitespace-nowrap px-3 py-1.5 text-right tabular-nums ${r.verdict ? VERDICT_STYLE[r.verdict] : "text-slate-400"}`}>
            {r.delta ?? "—"}
            {r.verdict && <span className="sr-only"> ({VERDICT_TEXT[r.verdict]})</span>}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
