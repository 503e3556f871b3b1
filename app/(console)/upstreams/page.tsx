import type { Metadata } from "next";
import { UpstreamHealthPanel } from "@/components/upstreams/upstream-health-panel";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Upstreams" };

export default async function UpstreamsPage() {
  await requirePermission("health:view");
  return (
    <>
      <PageHeader
        title="Upstreams"
        description="Per tier and upstream: attempt latency, errors by class, the circuit breaker on each gateway instance and its history, and the last errors."
      />
      <UpstreamHealthPanel />
    </>
  );
}
