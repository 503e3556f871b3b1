"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { ApiError } from "@/lib/http/client-fetch";
import { formValues, parseKeyForm, type KeyFormErrors } from "./key-form";
import { KeyFields } from "./key-fields";
import { useUpdateKey, type KeyRow } from "./use-keys";

/** Rename a key, move it to another policy, change its budget, over-budget action or rate limit. */
export function EditKeyDialog({ apiKey, onClose }: { apiKey: KeyRow | null; onClose: () => void }) {
  const updateKey = useUpdateKey();
  const [errors, setErrors] = useState<KeyFormErrors>({});

  function close() {
    setErrors({});
    onClose();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!apiKey) return;
    const parsed = parseKeyForm(formValues(event.currentTarget));
    if (!parsed.ok) return setErrors(parsed.errors);
    try {
      await updateKey.mutateAsync({ id: apiKey.id, patch: parsed.data });
      close();
    } catch (error) {
      if (error instanceof ApiError && error.issues.length) setErrors(Object.fromEntries(error.issues.map((i) => [i.path, i.message])));
      else setErrors({ form: error instanceof Error ? error.message : "Could not save the key." });
    }
  }

  return (
    <Dialog open={!!apiKey} onClose={close} title={`Edit ${apiKey?.name ?? "key"}`}>
      {apiKey && (
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          {errors.form && <Alert variant="error">{errors.form}</Alert>}
          <KeyFields
            errors={errors}
            defaults={{
              name: apiKey.name,
              policy: apiKey.policy?.name ?? "",
              budget: apiKey.monthlyBudgetUsd?.toString() ?? "",
              overBudget: apiKey.overBudget,
              rateLimit: apiKey.rateLimitPerMinute?.toString() ?? "",
            }}
          />
          <DialogActions label="Save changes" onCancel={close} isPending={updateKey.isPending} />
        </form>
      )}
    </Dialog>
  );
}
