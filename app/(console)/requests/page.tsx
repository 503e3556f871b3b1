import type { Metadata } from "next";
import { Suspense } from "react";
import { RequestsBrowser } from "@/components/requests/requests-browser";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows } from "@/components/ui/states";
import { requirePermission } from "@/lib/auth/page-guards";
import { policyNames, tierOrder } from "@/lib/db/overview-repo";

export const metadata: Metadata = { title: "Requests" };

export default async function RequestsPage() {
  await requirePermission("requests:view");
  const [policies, tiers] = await Promise.all([policyNames(), tierOrder()]);
  return (
    <>
      <PageHeader title="Requests" description="Every routed request with the tier it went to and why. Open one for its full decision trace, latency breakdown, cost and labels." />
      <Suspense fallback={<LoadingRows rows={8} label="Loading requests" />}>
        <RequestsBrowser policies={policies} tiers={tiers} />
      </Suspense>
    </>
  );
}
