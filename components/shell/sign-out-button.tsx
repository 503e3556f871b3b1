"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/http/client-fetch";

export function SignOutButton() {
  const [isPending, setPending] = useState(false);
  async function signOut() {
    setPending(true);
    await apiFetch("/api/auth/sign-out", { method: "POST" }).catch(() => undefined);
    window.location.assign("/sign-in");
  }
  return (
    <Button variant="secondary" size="sm" onClick={signOut} isLoading={isPending}>
      Sign out
    </Button>
  );
}
