import type { Metadata } from "next";
import { KeysManager } from "@/components/keys/keys-manager";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "API keys" };

export default async function KeysPage() {
  await requirePermission("keys:manage");
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys applications use to call the gateway: each with a policy, an optional monthly budget and what happens beyond it. A new key is shown once."
      />
      <KeysManager />
    </>
  );
}
