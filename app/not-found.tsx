import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="text-sm text-slate-500">There is nothing at this address.</p>
      <Link href="/overview" className="mt-2 text-sm font-medium text-brand-700 underline underline-offset-2">
        Back to the overview
      </Link>
    </main>
  );
}
