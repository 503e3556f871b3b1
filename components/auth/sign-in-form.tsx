"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { signInSchema } from "@/lib/auth/user-schemas";
import { apiFetch, ApiError } from "@/lib/http/client-fetch";

type Errors = { email?: string; password?: string; form?: string };

export function SignInForm({ next }: { next: string }) {
  const [errors, setErrors] = useState<Errors>({});
  const [isSubmitting, setSubmitting] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      const fieldErrors: Errors = {};
      for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as "email" | "password"] ??= issue.message;
      setErrors(fieldErrors);
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      await apiFetch("/api/auth/sign-in", { method: "POST", json: parsed.data });
      window.location.assign(next);
    } catch (error) {
      setErrors({ form: error instanceof ApiError ? error.message : "Sign-in failed. Try again." });
      setSubmitting(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {errors.form && <Alert variant="error">{errors.form}</Alert>}
      <Field label="Email" error={errors.email}>
        {({ id, describedBy }) => (
          <TextInput id={id} name="email" type="email" autoComplete="username" autoFocus required aria-describedby={describedBy} invalid={!!errors.email} />
        )}
      </Field>
      <Field label="Password" error={errors.password}>
        {({ id, describedBy }) => (
          <TextInput id={id} name="password" type="password" autoComplete="current-password" required aria-describedby={describedBy} invalid={!!errors.password} />
        )}
      </Field>
      <Button type="submit" className="w-full" isLoading={isSubmitting}>
        Sign in
      </Button>
    </form>
  );
}
