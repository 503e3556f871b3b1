import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";

const CONTROL =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500 disabled:bg-slate-50 disabled:text-slate-500";

type FieldProps = {
  label: string;
  error?: string;
  hint?: ReactNode;
  /** Smaller label and messages, for dense groups of settings. */
  compact?: boolean;
  children: (ids: { id: string; describedBy?: string }) => ReactNode;
};

/** A label, a control and its error or hint, wired together for screen readers. */
export function Field({ label, error, hint, compact, children }: FieldProps) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className={compact ? "min-w-0 space-y-1" : "space-y-1"}>
      <label htmlFor={id} className={compact ? "block text-xs font-medium text-slate-600" : "block text-sm font-medium text-slate-700"}>
        {label}
      </label>
      {children({ id, describedBy: error || hint ? messageId : undefined })}
      {error ? (
        <p id={messageId} className={`${compact ? "text-xs" : "text-sm"} text-red-600`}>
          {error}
        </p>
      ) : hint ? (
        <p id={messageId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function TextInput({ invalid, ...props }: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }) {
  return <input {...props} aria-invalid={invalid || undefined} className={`${CONTROL} ${props.className ?? ""}`} />;
}

export function SelectInput({ invalid, children, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean }) {
  return (
    <select {...props} aria-invalid={invalid || undefined} className={`${CONTROL} pr-8 ${props.className ?? ""}`}>
      {children}
    </select>
  );
}
