import Link from "next/link";
import type { ReactNode } from "react";
import { can, ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { AlertBanner } from "./alert-banner";
import { MobileNav } from "./mobile-nav";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

type Props = {
  user: { email: string; name: string; role: Role };
  nav: ReadonlyArray<{ href: string; label: string }>;
  children: ReactNode;
};

export function AppShell({ user, nav, children }: Props) {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="flex h-14 items-center justify-between gap-4 px-4 sm:px-6">
          <div className="flex items-center gap-3">
            <MobileNav items={nav} />
            <Link href="/overview" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
              <span className="flex size-7 items-center justify-center rounded-md bg-brand-600 text-sm font-bold text-on-brand" aria-hidden>
                F
              </span>
              Frontdesk
            </Link>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span className="hidden text-right leading-tight sm:block" data-testid="current-user">
              <span className="block font-medium text-slate-800">{user.name || user.email}</span>
              <span className="block text-xs text-slate-500">
                {user.name ? `${user.email} · ` : ""}
                <span data-testid="current-role">{ROLE_LABELS[user.role]}</span>
              </span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="flex flex-1">
        <aside className="hidden w-52 shrink-0 border-r border-slate-200 bg-white md:block">
          <NavLinks items={nav} />
        </aside>
        <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-8">
          <AlertBanner canOpenDrift={can(user.role, "drift:view")} />
          {children}
        </main>
      </div>
    </div>
  );
}
