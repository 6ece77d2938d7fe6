import "server-only";
import { db } from "@/lib/db";
import { can, type Actor } from "@/lib/permissions";

export type Assignable = { id: string; name: string };

/** People a claim can be assigned to: active checkers, editors and admins (names only). */
export async function listAssignablePeople(actor: Actor): Promise<Assignable[]> {
  if (!can(actor, "claim:update")) return [];
  return db.user.findMany({
    where: { disabled: false, role: { in: ["checker", "editor", "admin"] } },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
