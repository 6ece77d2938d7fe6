"use client";
import { useState } from "react";
import { Notice } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { updateUserAction } from "@/lib/users/admin-actions";
import type { UserDto } from "@/lib/users/accounts";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/permissions";


/** Users with their role and state; an admin changes roles and disables accounts in place. */
export function UsersTable({ users: initial, selfId }: { users: UserDto[]; selfId: string }) {
  const [users, setUsers] = useState(initial);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  async function update(user: UserDto, change: { role?: Role; disabled?: boolean }) {
    const result = await updateUserAction({ userId: user.id, ...change });
    if (result.ok) {
      setUsers((list) => list.map((u) => (u.id === user.id ? result.data : u)));
      setMessage({
        kind: "success",
        text:
          change.disabled === true
            ? `${user.name} is disabled and signed out everywhere.`
            : change.disabled === false
              ? `${user.name} can sign in again.`
              : `${user.name} is now ${ROLE_LABELS[change.role!]}.`,
      });
    } else setMessage({ kind: "error", text: result.error.message });
  }

  return (
    <div className="space-y-3">
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <DataTable columns={["Name", "Email", "Role", "State", { label: "Actions", hidden: true }]}>
          {users.map((u) => (
            <tr key={u.id} className={`border-t border-slate-200 ${u.disabled ? "text-slate-500" : ""}`}>
              <td className="px-3 py-2 font-medium">{u.name}</td>
              <td className="px-3 py-2">{u.email}</td>
              <td className="px-3 py-2">
                <label className="sr-only" htmlFor={`role-${u.id}`}>
                  Role of {u.name}
                </label>
                <select
                  id={`role-${u.id}`}
                  value={u.role}
                  disabled={u.id === selfId}
                  onChange={(e) => update(u, { role: e.target.value as Role })}
                  className="rounded-md border border-slate-300 bg-white px-2 py-1"
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABELS[r]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="px-3 py-2">{u.disabled ? "⛔ Disabled" : "Active"}</td>
              <td className="px-3 py-2 text-right">
                {u.id === selfId ? (
                  <span className="text-xs text-slate-500">You</span>
                ) : (
                  <Button type="button" variant={u.disabled ? "secondary" : "danger"} onClick={() => update(u, { disabled: !u.disabled })}>
                    {u.disabled ? "Enable" : "Disable"}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
    </div>
  );
}
