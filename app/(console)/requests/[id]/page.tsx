import type { Metadata } from "next";
import Link from "next/link";
import { RequestDetailView } from "@/components/requests/request-detail-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Request" };

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requirePermission("requests:view");
  const { id } = await params;
  return (
    <>
      <PageHeader
        title="Request"
        description={<span className="font-mono text-xs">{id}</span>}
        actions={
          <Link href="/requests" className="text-sm font-medium text-brand-700 hover:underline">
            ← Request log
          </Link>
        }
      />
      <RequestDetailView id={id} canLabel={can(session.user.role, "labels:write")} />
    </>
  );
}
