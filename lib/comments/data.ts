import "server-only";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";

/** Active users who can be @mentioned (names only). */
export async function listMentionableUsers(actor: Actor): Promise<{ id: string; name: string }[]> {
  if (!can(actor, "article:read")) throw new ForbiddenError();
  return db.user.findMany({ where: { disabled: false }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}
