import { useId, type ReactNode } from "react";

/**
 * A titled panel for one chart. The drawing is one image to assistive technology (role="img"),
 * named by the title and described by `summary` (the sentence a screen reader gets instead of the SVG).
 */
export function ChartCard({ title, summary, children, actions }: { title: string; summary: string; children: ReactNode; actions?: ReactNode }) {
  const id = useId();
  return (
    <section aria-label={title} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="mb-3 flex items-start justify-between gap-3">
        <div>
          <h2 id={`${id}-title`} className="text-sm font-semibold text-slate-900">{title}</h2>
          <p id={`${id}-summary`} className="mt-0.5 text-xs text-slate-500">{summary}</p>
        </div>
        {actions}
      </div>
      <div role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`} className="h-56 w-full">
        {children}
      </div>
    </section>
  );
}
