import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="flex flex-col items-center justify-center gap-3 px-4 py-24 text-center">
      <p className="text-sm font-semibold text-red-600">403</p>
      <h1 className="text-2xl font-semibold tracking-tight">You don&apos;t have access to this page</h1>
      <p className="text-sm text-slate-500">Your role does not include it. Ask an admin if you need it.</p>
      <Link href="/overview" className="mt-2 text-sm font-medium text-brand-700 underline underline-offset-2">
        Back to the overview
      </Link>
    </div>
  );
}
