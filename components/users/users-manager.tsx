"use client";

import { useDeferredValue, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextInput } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { CreateUserDialog } from "./create-user-dialog";
import { UsersTable } from "./users-table";
import { useUsers } from "./use-users";

export function UsersManager({ currentUserId }: { currentUserId: string }) {
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState("");
  const q = useDeferredValue(search.trim());
  const [isCreating, setCreating] = useState(false);
  const users = useUsers({ page, q });

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <TextInput
          type="search"
          aria-label="Search users"
          placeholder="Search by email or name"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
          className="max-w-xs"
        />
        <Button onClick={() => setCreating(true)}>Add user</Button>
      </div>
      {users.isPending ? (
        <LoadingRows label="Loading users" />
      ) : users.isError ? (
        <ErrorState message={users.error.message} onRetry={() => users.refetch()} />
      ) : users.data.items.length === 0 ? (
        <EmptyState title={q ? "No users match your search" : "No users yet"}>{q ? "Try another email or name." : "Add the first one."}</EmptyState>
      ) : (
        <>
          <UsersTable users={users.data.items} currentUserId={currentUserId} />
          <Pagination page={page} pageSize={users.data.pageSize} total={users.data.total} onPage={setPage} />
        </>
      )}
      <CreateUserDialog open={isCreating} onClose={() => setCreating(false)} />
    </section>
  );
}
