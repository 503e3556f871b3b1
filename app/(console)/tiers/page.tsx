import type { Metadata } from "next";
import { TiersManager } from "@/components/tiers/tiers-manager";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Tiers" };

export default async function TiersPage() {
  await requirePermission("tiers:manage");
  return (
    <>
      <PageHeader title="Tiers" description="The upstream models Frontdesk routes between: provider, model, prices and timeout. API keys are write-only." />
      <TiersManager />
    </>
  );
}
