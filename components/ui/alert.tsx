import type { ReactNode } from "react";

const VARIANTS = {
  error: "bg-red-50 text-red-800 ring-red-200",
  warning: "bg-amber-50 text-amber-900 ring-amber-200",
  info: "bg-brand-50 text-brand-700 ring-brand-100",
  success: "bg-emerald-50 text-emerald-900 ring-emerald-200",
} as const;

export type AlertVariant = keyof typeof VARIANTS;

type Props = {
  variant: AlertVariant;
  /** A bold first line; the children follow below it. */
  title?: ReactNode;
  children?: ReactNode;
  /** A button or link at the end of the box (retry, dismiss, remove). */
  action?: ReactNode;
  /**
   * Errors default to role="alert" (read out at once), the other variants to role="status".
   * "note" for a standing notice that is no news, "region" (with `label`) for a landmark the page
   * can be searched by, null for none (an error that belongs to a record, not to this moment).
   */
  role?: "alert" | "status" | "note" | "region" | null;
  label?: string;
  className?: string;
};

/** The one banner of the console: form errors, refusals, notices and results. */
export function Alert({ variant, title, children, action, role, label, className = "" }: Props) {
  const ariaRole = role === undefined ? (variant === "error" ? "alert" : "status") : (role ?? undefined);
  return (
    <div role={ariaRole} aria-label={label} className={`flex items-start justify-between gap-3 rounded-md px-3 py-2 text-sm ring-1 ${VARIANTS[variant]} ${className}`}>
      <div className="min-w-0 space-y-1">
        {title && <p className="font-semibold">{title}</p>}
        {children}
      </div>
      {action && <div className="shrink-0">{action}</div>}
    </div>
  );
}
