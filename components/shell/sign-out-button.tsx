"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/http/client-fetch";

export function SignOutButton() {
  const [isPending, setPending] = useState(false);
  async function signOut() {
    setPending(true);
    await apiFetch("/api/auth/sign-out", { method: "POST" }).catch(() => undefined);
    // A full page load on purpose: it drops every cached query of the signed-out user.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/sign-in");
  }
  return (
    <Button variant="secondary" size="sm" onClick={signOut} isLoading={isPending}>
      Sign out
    </Button>
  );
}
