import type { Metadata } from "next";
import { Suspense } from "react";
import { AlertThresholdsForm } from "@/components/drift/alert-thresholds-form";
import { DriftDashboard } from "@/components/drift/drift-dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows } from "@/components/ui/states";
import { requirePermission } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { policyNames } from "@/lib/db/overview-repo";

export const metadata: Metadata = { title: "Drift" };

export default async function DriftPage() {
  const { user } = await requirePermission("drift:view");
  const policies = await policyNames();
  return (
    <>
      <PageHeader title="Drift" description="Is traffic still routed the way it was? Tier mix and classifier scores against a baseline window (PSI), the share reaching the most capable tier, and misroute rates from reviewers' labels." />
      <div className="space-y-8">
        <Suspense fallback={<LoadingRows rows={6} label="Loading drift" />}>
          <DriftDashboard policies={policies} />
        </Suspense>
        <section aria-labelledby="alerts-heading" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="alerts-heading" className="text-sm font-semibold text-slate-900">
            Alert thresholds
          </h2>
          <p className="mb-3 mt-0.5 text-xs text-slate-500">A firing alert shows as a banner on every console page.{can(user.role, "config:manage") ? "" : " Only ops and admins can change them."}</p>
          <AlertThresholdsForm canEdit={can(user.role, "config:manage")} />
        </section>
      </div>
    </>
  );
}
