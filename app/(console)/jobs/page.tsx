import type { Metadata } from "next";
import { JobsConsole } from "@/components/jobs/jobs-console";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage() {
  await requirePermission("jobs:manage");
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Retrain a policy's classifier on outcome datasets, reviewer labels and escalations; compare the candidate with the active one on the same held-out requests, then promote it or roll back."
      />
      <JobsConsole />
    </>
  );
}
