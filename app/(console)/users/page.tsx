import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { UsersManager } from "@/components/users/users-manager";
import { requirePermission } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const { user } = await requirePermission("users:manage");
  return (
    <>
      <PageHeader title="Users" description="Who can sign in to the console, and what each role may do." />
      <UsersManager currentUserId={user.id} />
    </>
  );
}
