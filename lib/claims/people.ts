import "server-only";
import { db } from "@/lib/db";
import { directQuery } from "@/lib/db-direct";
import { can, type Actor } from "@/lib/permissions";

export type Assignable = { id: string; name: string };

/**
 * People a claim can be assigned to: active checkers, editors and admins (names only). Every
 * list page asks for these: plain SQL that PostgreSQL runs too, without the ORM's overhead.
 */
export async function listAssignablePeople(actor: Actor): Promise<Assignable[]> {
  if (!can(actor, "claim:update")) return [];
  const rows = await directQuery<Assignable>(
    db,
    `SELECT "id", "name" FROM "User" WHERE "disabled" = $1 AND "role" IN ('checker', 'editor', 'admin') ORDER BY "name" ASC, "id" ASC`,
    [false],
  );
  return rows.map((r) => ({ id: r.id, name: r.name }));
}
