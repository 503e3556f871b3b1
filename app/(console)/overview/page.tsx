import type { Metadata } from "next";
import { Suspense } from "react";
import { DemoDataNotice } from "@/components/overview/demo-data-notice";
import { OverviewDashboard } from "@/components/overview/overview-dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows } from "@/components/ui/states";
import { requirePermission } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const { user } = await requirePermission("overview:view");
  return (
    <>
      <PageHeader title="Overview" description="Traffic, where it went, what it cost against sending everything to the most capable tier, and how fast and reliably it was answered." />
      <DemoDataNotice canRemove={can(user.role, "config:manage")} />
      <Suspense fallback={<LoadingRows rows={6} label="Loading the overview" />}>
        <OverviewDashboard />
      </Suspense>
    </>
  );
}
