import { LEGEND } from "./labeling-keys";

/** The keyboard map, always on screen next to the verdicts. */
export function ShortcutLegend() {
  return (
    <section aria-label="Keyboard shortcuts" className="rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200">
      <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Keyboard</h2>
      <dl className="space-y-1.5">
        {LEGEND.map((row) => (
          <div key={row.label} className="flex items-baseline gap-3">
            <dt className="flex w-24 shrink-0 gap-1">
              {row.keys.map((k) => (
                <kbd key={k} className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-700">
                  {k}
                </kbd>
              ))}
            </dt>
            <dd className="text-slate-600">{row.label}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
