"use client";

import { useEffect, useRef, useState, type ReactNode, type RefObject } from "react";

/** A column heading: its text, or the text with options (numbers right-aligned, a heading only screen readers get). */
export type Column = string | { label: string; isNumeric?: boolean; isHidden?: boolean; title?: string; className?: string };

const HEAD = "text-left text-xs uppercase tracking-wide text-slate-500";

const VARIANTS = {
  /** A list on the page: a white card with a tinted heading row. */
  card: { frame: "scroll-cue relative overflow-x-auto rounded-lg shadow-sm ring-1 ring-slate-200", table: "divide-y divide-slate-200", head: `bg-slate-50 font-medium ${HEAD}`, cell: "px-4 py-3" },
  /** A list inside a card: the frame only. */
  inset: { frame: "scroll-cue relative overflow-x-auto rounded-lg ring-1 ring-slate-200", table: "divide-y divide-slate-200", head: `bg-slate-50 font-medium ${HEAD}`, cell: "px-3 py-2" },
  /** A few figures inside a panel or dialog: no frame, small bold headings. */
  plain: { frame: "relative overflow-x-auto", table: "", head: HEAD, cell: "py-1 pr-3 last:pr-0" },
} as const;

type Props = {
  columns: readonly Column[];
  /** The rows (<tr>s). */
  children: ReactNode;
  label?: string;
  /** A description for screen readers, as the table's caption. */
  caption?: string;
  variant?: keyof typeof VARIANTS;
  /** The heading cells' padding, when not the variant's; rows pad their own cells. */
  cellPadding?: string;
  hasRowDividers?: boolean;
  /** Extra classes of the frame, e.g. a max height with overflow-y-auto (then the heading sticks). */
  className?: string;
  hasStickyHeader?: boolean;
};

/** The console's table: frame, heading row and row dividers; the caller renders the rows. */
export function DataTable({ columns, children, label, caption, variant = "card", cellPadding, hasRowDividers = true, className = "", hasStickyHeader }: Props) {
  const v = VARIANTS[variant];
  const frame = useRef<HTMLDivElement>(null);
  const isScrollable = useIsScrollable(frame);
  return (
    // Wider than its frame (a phone): the frame scrolls, so keyboard users get it as a named tab stop.
    <div
      ref={frame}
      className={`${v.frame} ${className}`}
      {...(isScrollable ? { tabIndex: 0, role: "region", "aria-label": `${label ?? caption ?? "Table"}, scrolls sideways` } : {})}
    >
      <table aria-label={label} className={`min-w-full text-sm ${v.table}`}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className={`${v.head} ${hasStickyHeader ? "sticky top-0" : ""}`}>
          <tr>
            {columns.map((column) => {
              const c = typeof column === "string" ? { label: column } : column;
              return (
                <th key={c.label} scope="col" title={c.title} className={`${cellPadding ?? v.cell} ${c.isNumeric ? "text-right" : ""} ${c.className ?? ""}`}>
                  {c.isHidden ? <span className="sr-only">{c.label}</span> : c.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className={hasRowDividers ? "divide-y divide-slate-100" : undefined}>{children}</tbody>
      </table>
    </div>
  );
}

/** Whether the frame's content is wider than the frame (watched as either resizes). */
function useIsScrollable(frame: RefObject<HTMLDivElement | null>) {
  const [isScrollable, setScrollable] = useState(false);
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setScrollable(el.scrollWidth > el.clientWidth + 1));
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [frame]);
  return isScrollable;
}
