import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/page-guards";
import { headlineCounts } from "@/lib/db/stats-repo";

export const metadata: Metadata = { title: "Overview" };

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value.toLocaleString("en-US")}</dd>
    </div>
  );
}

export default async function OverviewPage() {
  const { user } = await requirePermission("overview:view");
  const counts = await headlineCounts();
  return (
    <>
      <PageHeader title="Overview" description={`Signed in as ${user.email}. Frontdesk routes each LLM request to the cheapest tier that can answer it well.`} />
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="Enabled tiers" value={counts.tiers} />
        <Stat label="Routing policies" value={counts.policies} />
        <Stat label="Requests, last 24 h" value={counts.requests24h} />
        <Stat label="Active users" value={counts.users} />
      </dl>
    </>
  );
}
