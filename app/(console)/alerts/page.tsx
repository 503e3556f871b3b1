import type { Metadata } from "next";
import { AlertsManager } from "@/components/alerts/alerts-manager";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage() {
  await requirePermission("alerts:manage");
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Where Frontdesk sends alerts: each fires once per episode, with a message when it clears; failed deliveries are retried with backoff. Drift thresholds are set on the Drift page."
      />
      <AlertsManager />
    </>
  );
}
