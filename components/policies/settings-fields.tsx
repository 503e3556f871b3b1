"use client";

/**
 * The policy settings' small controls: a group (fieldset), an on/off toggle, and labelled number,
 * select and text fields that show the field's error (the browser's check or the server's issue)
 * or else its hint, wired to the control with aria-describedby.
 */
import { type ReactNode } from "react";
import { Field } from "@/components/ui/field";

const CONTROL =
  "block rounded-md bg-white px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500 disabled:bg-slate-50 disabled:text-slate-400";

type Wiring = { id: string; describedBy?: string; invalid?: true };

function SettingField({ label, error, hint, children }: { label: string; error?: string; hint?: ReactNode; children: (wiring: Wiring) => ReactNode }) {
  return (
    <Field compact label={label} error={error} hint={hint}>
      {({ id, describedBy }) => children({ id, describedBy, invalid: error ? true : undefined })}
    </Field>
  );
}

type FieldProps<T> = { label: string; value: T; error?: string; hint?: ReactNode; disabled?: boolean; onChange: (v: T) => void };

/** An empty box is NaN, which the schema refuses with "Enter a number." */
export function NumberField({ step, min, max, ...field }: FieldProps<number> & { step: number; min?: number; max?: number }) {
  return (
    <SettingField {...field}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type="number"
          step={step}
          min={min}
          max={max}
          value={Number.isNaN(field.value) ? "" : field.value}
          disabled={field.disabled}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => field.onChange(e.target.value === "" ? Number.NaN : Number(e.target.value))}
          className={`${CONTROL} w-24 tabular-nums`}
        />
      )}
    </SettingField>
  );
}

export function SelectField({ options, ...field }: FieldProps<string> & { options: Array<{ value: string; label: string }> }) {
  return (
    <SettingField {...field}>
      {({ id, describedBy, invalid }) => (
        <select id={id} value={field.value} disabled={field.disabled} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => field.onChange(e.target.value)} className={`${CONTROL} w-full pr-8`}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </SettingField>
  );
}

export function TextAreaField({ rows, maxLength, ...field }: FieldProps<string> & { rows: number; maxLength: number }) {
  return (
    <SettingField {...field}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          rows={rows}
          maxLength={maxLength}
          value={field.value}
          disabled={field.disabled}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => field.onChange(e.target.value)}
          className={`${CONTROL} w-full resize-y`}
        />
      )}
    </SettingField>
  );
}

export function Group({ title, toggle, className = "", children }: { title: string; toggle?: ReactNode; className?: string; children: ReactNode }) {
  return (
    <fieldset className={`space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 ${className}`}>
      <legend className="sr-only">{title}</legend>
      <h3 aria-hidden className="text-sm font-semibold text-slate-900">
        {title}
      </h3>
      {toggle}
      {children}
    </fieldset>
  );
}

export function Toggle({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
