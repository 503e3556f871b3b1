import type { Metadata } from "next";
import { PolicyEditor } from "@/components/policies/policy-editor";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/page-guards";
import { listPolicyNames } from "@/lib/db/policy-repo";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage({ searchParams }: { searchParams: Promise<{ policy?: string }> }) {
  await requirePermission("policies:manage");
  const [policies, { policy }] = await Promise.all([listPolicyNames(), searchParams]);
  const names = policies.map((p) => p.name);
  return (
    <>
      <PageHeader
        title="Policies"
        description="How much quality is worth: move the bias and see, before saving, what each position would cost and deliver on labeled requests."
      />
      <PolicyEditor policies={names} initialPolicy={policy && names.includes(policy) ? policy : null} />
    </>
  );
}
