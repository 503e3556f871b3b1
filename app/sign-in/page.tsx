import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentSession } from "@/lib/auth/page-guards";
import { safeNextPath } from "@/lib/auth/safe-next-path";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await currentSession()) redirect(next);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto flex size-10 items-center justify-center rounded-lg bg-brand-600 text-lg font-bold text-on-brand">F</div>
          <h1 className="mt-4 text-xl font-semibold tracking-tight">Sign in to Frontdesk</h1>
          <p className="mt-1 text-sm text-slate-500">The LLM request router&apos;s ops console</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <SignInForm next={next} />
        </div>
      </div>
    </main>
  );
}
