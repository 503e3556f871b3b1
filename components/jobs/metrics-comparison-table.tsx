import { Fragment } from "react";
import { DataTable } from "@/components/ui/data-table";
import { groupRows, type MetricRow, type Verdict } from "./prepare-metrics-comparison";

const VERDICT_STYLE = { better: "text-emerald-700", worse: "text-red-700", same: "text-slate-500" } as const;
const VERDICT_TEXT = { better: "candidate better", worse: "candidate worse", same: "no change" } as const;
const GROUP_TEXT = { better: "candidate better", worse: "candidate worse", same: "even" } as const;

function GroupVerdict({ verdict }: { verdict: Verdict }) {
  if (!verdict) return <span className="text-slate-500">not compared</span>;
  return <span className={VERDICT_STYLE[verdict]}>{GROUP_TEXT[verdict]}</span>;
}

/**
 * Candidate and active metrics side by side, grouped (quality, cost, calibration) with each group's
 * verdict, every metric explained in plain words under its name, the change coloured by which side it favours.
 */
export function MetricsComparisonTable({ rows, candidateName, activeName }: { rows: readonly MetricRow[]; candidateName: string; activeName: string }) {
  const groups = groupRows(rows);
  return (
    <DataTable
      label="Candidate vs active metrics"
      columns={["Metric", { label: "Candidate", isNumeric: true, title: candidateName }, { label: "Active", isNumeric: true, title: activeName }, { label: "Change", isNumeric: true }]}
      variant="inset"
    >
      {groups.map((g) => (
        <Fragment key={g.group}>
          <tr className="bg-slate-50">
            <th scope="colgroup" colSpan={4} className="px-3 py-1.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              {g.label}: <GroupVerdict verdict={g.verdict} />
            </th>
          </tr>
          {g.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="min-w-44 px-3 py-1.5 text-left align-top font-medium text-slate-700">
                {r.label}
                <span className="block text-xs font-normal text-slate-500">{r.hint}</span>
              </th>
              <td className="px-3 py-1.5 text-right align-top tabular-nums text-slate-900">{r.candidate}</td>
              <td className="px-3 py-1.5 text-right align-top tabular-nums text-slate-600">{r.active}</td>
              <td className={`whitespace-nowrap px-3 py-1.5 text-right align-top tabular-nums ${r.verdict ? VERDICT_STYLE[r.verdict] : "text-slate-400"}`}>
                {r.delta ?? "—"}
                {r.verdict && <span className="sr-only"> ({VERDICT_TEXT[r.verdict]})</span>}
              </td>
            </tr>
          ))}
        </Fragment>
      ))}
    </DataTable>
  );
}
