"use client";

import type { SelectHTMLAttributes } from "react";
import { Field, SelectInput } from "@/components/ui/field";
import { usePolicyOptions } from "./use-policy-options";

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "children"> & {
  hint: string;
  error?: string;
  /** A first choice with the value "" (e.g. "Default policy"). */
  emptyLabel?: string;
};

/** A form's "Policy" select: every policy with its tiers; failing to load them shows as the field's error. */
export function PolicyField({ hint, error, emptyLabel, ...select }: Props) {
  const policies = usePolicyOptions();
  return (
    <Field label="Policy" error={error ?? (policies.isError ? "Could not load the policies." : undefined)} hint={hint}>
      {({ id, describedBy }) => (
        // Keyed by the count: an uncontrolled select takes its defaultValue once the options are there.
        <SelectInput id={id} key={policies.data?.length ?? 0} aria-describedby={describedBy} invalid={!!error} {...select}>
          {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
          {(policies.data ?? []).map((p) => (
            <option key={p.name} value={p.name}>
              {p.name} ({p.tiers.join(" → ")})
            </option>
          ))}
        </SelectInput>
      )}
    </Field>
  );
}
