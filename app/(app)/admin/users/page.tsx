import { notFound } from "next/navigation";
import { requireUser } from "@/lib/session";
import { can } from "@/lib/permissions";
import { listUsers } from "@/lib/users/data";
import { INVITE_TTL_HOURS, listOpenInvites } from "@/lib/invites/data";
import { UsersTable } from "@/components/admin/users-table";
import { InvitePanel } from "@/components/admin/invite-panel";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requireUser();
  // What a caller may not see is a 404, not a 403.
  if (!can(user, "users:manage")) notFound();
  const [users, invites] = await Promise.all([listUsers(user), listOpenInvites(user)]);
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <InvitePanel invites={invites} ttlHours={INVITE_TTL_HOURS} />
      <UsersTable users={users} selfId={user.id} />
    </div>
  );
}
