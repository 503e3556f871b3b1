"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { ApiError } from "@/lib/http/client-fetch";
import { formValues, parseKeyForm, type KeyFormErrors } from "./key-form";
import { KeyFields } from "./key-fields";
import { useCreateKey, type NewKey } from "./use-keys";

/** The create form; on success hands the new key (shown once) to `onCreated`. */
export function CreateKeyDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (key: string, apiKey: NewKey["apiKey"]) => void }) {
  const createKey = useCreateKey();
  const [errors, setErrors] = useState<KeyFormErrors>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseKeyForm(formValues(event.currentTarget));
    if (!parsed.ok) return setErrors(parsed.errors);
    setErrors({});
    try {
      const { key, apiKey } = await createKey.mutateAsync(parsed.data);
      setErrors({});
      onCreated(key, apiKey);
    } catch (error) {
      if (error instanceof ApiError && error.issues.length) setErrors(Object.fromEntries(error.issues.map((i) => [i.path, i.message])));
      else setErrors({ form: error instanceof Error ? error.message : "Could not create the key." });
    }
  }

  function close() {
    setErrors({});
    onClose();
  }

  return (
    <Dialog open={open} onClose={close} title="Create an API key">
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {errors.form && <Alert variant="error">{errors.form}</Alert>}
        <KeyFields errors={errors} />
        <DialogActions label="Create key" onCancel={close} isPending={createKey.isPending} />
      </form>
    </Dialog>
  );
}
