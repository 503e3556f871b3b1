import { formatUsd } from "@/components/charts/format";

/** Month-to-date spend against the monthly budget: a bar (amber from 80 %, red over) and the numbers. */
export function SpendBar({ spent, budget, name }: { spent: number; budget: number | null; name: string }) {
  if (budget === null) {
    return (
      <span className="text-slate-600">
        <span className="tabular-nums text-slate-900">{formatUsd(spent)}</span> · no cap
      </span>
    );
  }
  const share = budget > 0 ? spent / budget : 0;
  const tone = share >= 1 ? "bg-red-500" : share >= 0.8 ? "bg-amber-500" : "bg-brand-600";
  return (
    <div className="w-44 space-y-1">
      <div
        role="meter"
        aria-label={`Budget used by ${name}`}
        aria-valuemin={0}
        aria-valuemax={budget}
        aria-valuenow={Math.min(spent, budget)}
        aria-valuetext={`${formatUsd(spent)} of ${formatUsd(budget)}`}
        className="h-1.5 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full rounded-full ${tone}`} style={{ width: `${Math.min(100, share * 100)}%` }} />
      </div>
      <p className="text-xs text-slate-600">
        <span className={`tabular-nums ${share >= 1 ? "font-semibold text-red-700" : "text-slate-900"}`}>{formatUsd(spent)}</span> of {formatUsd(budget)}
      </p>
    </div>
  );
}
