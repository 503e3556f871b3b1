import type { Metadata } from "next";
import { LabWorkspace } from "@/components/lab/lab-workspace";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Lab" };

export default async function LabPage() {
  await requirePermission("lab:use");
  return (
    <>
      <PageHeader title="Lab" description="What a change to a policy would do on your own logged traffic — cost, quality and escalations, before it ships — and whether two tiers or three serve it best." />
      <LabWorkspace />
    </>
  );
}
