import type { Metadata } from "next";
import { RulesWorkspace } from "@/components/rules/rules-workspace";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/page-guards";
import { listPolicyNames } from "@/lib/db/policy-repo";

export const metadata: Metadata = { title: "Rules" };

export default async function RulesPage({ searchParams }: { searchParams: Promise<{ policy?: string }> }) {
  await requirePermission("rules:manage");
  const [policies, { policy }] = await Promise.all([listPolicyNames(), searchParams]);
  const names = policies.map((p) => p.name);
  return (
    <>
      <PageHeader title="Rules" description="Explicit routing per policy: categories, keywords, regexes and FAQ phrasings, tried in order before the classifier." />
      <RulesWorkspace policies={names} initialPolicy={policy && names.includes(policy) ? policy : null} />
    </>
  );
}
