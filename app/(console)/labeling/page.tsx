import type { Metadata } from "next";
import { LabelingWorkbench } from "@/components/labeling/labeling-workbench";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Labeling" };

export default async function LabelingPage() {
  await requirePermission("labels:write");
  return (
    <>
      <PageHeader
        title="Labeling"
        description="Did each request go to the right tier? The most uncertain decisions come first; every fifth request is from a random sample, so the measured misroute rates stay unbiased."
      />
      <LabelingWorkbench />
    </>
  );
}
