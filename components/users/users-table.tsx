"use client";

import { formatDateTime } from "@/components/charts/format";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { SelectInput } from "@/components/ui/field";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { useUpdateUser, type UserRow } from "./use-users";

const COLUMNS = ["User", "Role", "Status", "Last sign-in", { label: "Actions", isHidden: true }];

function formatDate(iso: string | null) {
  return iso ? formatDateTime(iso, { seconds: false }) : "Never";
}

export function UsersTable({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  const updateUser = useUpdateUser();
  const [error, setError] = useState<string | null>(null);

  function update(user: UserRow, patch: { role?: Role; disabled?: boolean }) {
    setError(null);
    updateUser.mutate({ id: user.id, patch }, { onError: (e) => setError(`${user.email}: ${e.message}`) });
  }

  return (
    <div className="space-y-3">
      {error && <Alert variant="error">{error}</Alert>}
      <DataTable columns={COLUMNS}>
        {users.map((user) => (
          <tr key={user.id}>
            <td className="px-4 py-3">
              <div className="font-medium text-slate-900">{user.name || user.email}</div>
              {user.name && <div className="text-slate-500">{user.email}</div>}
            </td>
            <td className="w-60 px-4 py-3">
              <SelectInput
                aria-label={`Role of ${user.email}`}
                value={user.role}
                onChange={(e) => update(user, { role: e.target.value as Role })}
              >
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role]}
                  </option>
                ))}
              </SelectInput>
            </td>
            <td className="px-4 py-3">{user.disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}</td>
            <td className="px-4 py-3 text-slate-600">{formatDate(user.lastSignInAt)}</td>
            <td className="px-4 py-3 text-right">
              {user.id !== currentUserId && (
                <Button
                  variant={user.disabled ? "secondary" : "danger"}
                  size="sm"
                  aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
                  onClick={() => update(user, { disabled: !user.disabled })}
                >
                  {user.disabled ? "Enable" : "Disable"}
                </Button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
