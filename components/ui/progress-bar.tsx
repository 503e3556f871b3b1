/** A determinate progress bar (role progressbar, 0–100) with the percent beside it. */
export function ProgressBar({ label, percent, valueText, tone = "brand" }: { label: string; percent: number; valueText?: string; tone?: "brand" | "green" | "red" | "slate" }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  const fill = { brand: "bg-brand-600", green: "bg-emerald-500", red: "bg-red-500", slate: "bg-slate-400" }[tone];
  return (
    <div className="flex min-w-32 items-center gap-2">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={valueText ?? `${value}%`}
        className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full rounded-full transition-[width] duration-500 ${fill}`} style={{ width: `${value}%` }} />
      </div>
      <span className="w-10 text-right text-xs tabular-nums text-slate-600" aria-hidden>
        {value}%
      </span>
    </div>
  );
}
