import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireSession } from "@/lib/auth/page-guards";
import { navFor } from "@/lib/auth/permissions";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const { user } = await requireSession();
  return (
    <AppShell user={user} nav={navFor(user.role)}>
      {children}
    </AppShell>
  );
}
