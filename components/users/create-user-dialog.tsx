"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { createUserSchema } from "@/lib/auth/user-schemas";
import { ApiError } from "@/lib/http/client-fetch";
import { useCreateUser } from "./use-users";

type Errors = Partial<Record<"email" | "name" | "role" | "password" | "form", string>>;

export function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const createUser = useCreateUser();
  const [errors, setErrors] = useState<Errors>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = createUserSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) next[issue.path[0] as keyof Errors] ??= issue.message;
      setErrors(next);
      return;
    }
    setErrors({});
    try {
      await createUser.mutateAsync(parsed.data);
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.issues.length) {
        setErrors(Object.fromEntries(error.issues.map((i) => [i.path, i.message])));
      } else {
        setErrors({ form: error instanceof Error ? error.message : "Could not create the user." });
      }
    }
  }

  return (
    <Dialog open={open} onClose={onClose} title="Add a user">
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {errors.form && <Alert variant="error">{errors.form}</Alert>}
        <Field label="Email" error={errors.email}>
          {({ id, describedBy }) => <TextInput id={id} name="email" type="email" autoFocus aria-describedby={describedBy} invalid={!!errors.email} />}
        </Field>
        <Field label="Name" error={errors.name}>
          {({ id, describedBy }) => <TextInput id={id} name="name" aria-describedby={describedBy} invalid={!!errors.name} />}
        </Field>
        <Field label="Role" error={errors.role}>
          {({ id, describedBy }) => (
            <SelectInput id={id} name="role" defaultValue="reviewer" aria-describedby={describedBy} invalid={!!errors.role}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </SelectInput>
          )}
        </Field>
        <Field label="Initial password" error={errors.password} hint="At least 8 characters. Share it with them securely.">
          {({ id, describedBy }) => (
            <TextInput id={id} name="password" type="password" autoComplete="new-password" aria-describedby={describedBy} invalid={!!errors.password} />
          )}
        </Field>
        <DialogActions label="Add user" onCancel={onClose} isPending={createUser.isPending} />
      </form>
    </Dialog>
  );
}
