import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/audit-log";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const session = await requirePermission("audit:read");
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change, who made it and when, with its before → after. Changes to tiers, rules, policy settings and classifier promotions can be reverted; a revert is recorded here too."
      />
      <AuditLog role={session.user.role} />
    </>
  );
}
