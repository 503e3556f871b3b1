"use client";

import { PolicyField } from "@/components/policy-options/policy-field";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import type { KeyFormErrors } from "./key-form";

type Defaults = { name?: string; policy?: string; budget?: string; overBudget?: string; rateLimit?: string };

/** Name, policy, monthly budget, over-budget action and rate limit: shared by the create and edit dialogs. */
export function KeyFields({ errors, defaults = {} }: { errors: KeyFormErrors; defaults?: Defaults }) {
  return (
    <>
      <Field label="Name" error={errors.name} hint="Who uses it, e.g. “support-bot production”.">
        {({ id, describedBy }) => <TextInput id={id} name="name" autoFocus defaultValue={defaults.name} aria-describedby={describedBy} invalid={!!errors.name} />}
      </Field>
      <PolicyField name="policy" defaultValue={defaults.policy ?? ""} emptyLabel="Default policy" error={errors.policy} hint="Used for model “frontdesk/auto”." />
      <Field label="Monthly budget (USD)" error={errors.monthlyBudgetUsd} hint="Leave empty for no cap. Counted per calendar month (UTC).">
        {({ id, describedBy }) => <TextInput id={id} name="budget" inputMode="decimal" placeholder="No cap" defaultValue={defaults.budget} aria-describedby={describedBy} invalid={!!errors.monthlyBudgetUsd} />}
      </Field>
      <Field label="When over budget" error={errors.overBudget}>
        {({ id, describedBy }) => (
          <SelectInput id={id} name="overBudget" defaultValue={defaults.overBudget ?? "reject"} aria-describedby={describedBy}>
            <option value="reject">Reject requests (HTTP 429)</option>
            <option value="downgrade">Downgrade to the cheapest tier</option>
          </SelectInput>
        )}
      </Field>
      <Field label="Rate limit (requests/min)" error={errors.rateLimitPerMinute} hint="Leave empty for unlimited. Shared by all gateway instances with REDIS_URL, else per instance (HTTP 429 over it).">
        {({ id, describedBy }) => (
          <TextInput id={id} name="rateLimit" inputMode="numeric" placeholder="Unlimited" defaultValue={defaults.rateLimit} aria-describedby={describedBy} invalid={!!errors.rateLimitPerMinute} />
        )}
      </Field>
    </>
  );
}
