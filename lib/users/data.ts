import "server-only";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { can, type Actor, type Role } from "@/lib/permissions";
import { recordAudit } from "@/lib/audit/data";
import { createAccount, toUserDto, userSelect, type NewAccount, type UserDto } from "@/lib/users/accounts";

/** Whether any account exists (the first-run page closes once one does). */
export async function hasAnyUser(): Promise<boolean> {
  return (await db.user.count()) > 0;
}

/** Creates the first admin; refused once any user exists. */
export async function createFirstAdmin(input: Omit<NewAccount, "role">): Promise<UserDto> {
  return createAccount(db, { ...input, role: "admin" }, null, { onlyIfFirst: true });
}

/** All users (admins only). */
export async function listUsers(actor: Actor): Promise<UserDto[]> {
  if (!can(actor, "users:manage")) throw new ForbiddenError("Only admins can manage users.");
  const rows = await db.user.findMany({ select: userSelect, orderBy: [{ disabled: "asc" }, { name: "asc" }] });
  return rows.map(toUserDto);
}

/** Creates a user with a password (admins; for automation). */
export async function createUser(actor: Actor, input: NewAccount): Promise<UserDto> {
  if (!can(actor, "users:manage")) throw new ForbiddenError("Only admins can manage users.");
  return createAccount(db, input, actor.id);
}

/** Changes a user's role or disables them; disabling ends their sessions and tokens at once. */
export async function updateUser(actor: Actor, userId: string, input: { role?: Role; disabled?: boolean }): Promise<UserDto> {
  if (!can(actor, "users:manage")) throw new ForbiddenError("Only admins can manage users.");
  return db.$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id: userId }, select: userSelect });
    if (!current) throw new NotFoundError("user");
    if (userId === actor.id && (input.disabled || (input.role && input.role !== "admin"))) {
      throw new ValidationError("You cannot disable yourself or remove your own admin role; ask another admin.", { role: "Not for yourself." });
    }
    const updated = await tx.user.update({ where: { id: userId }, data: { role: input.role, disabled: input.disabled }, select: userSelect });
    if (input.role !== undefined && input.role !== current.role) {
      await recordAudit(tx, { actorId: actor.id, action: "user.role_change", objectType: "user", objectId: userId, before: { role: current.role }, after: { role: input.role } });
    }
    if (input.disabled !== undefined && input.disabled !== current.disabled) {
      // Disabling ends every session and revokes every API token for good: re-enabling the
      // account later must not bring old credentials back to life.
      const revokedTokens = input.disabled
        ? (await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } })).count
        : 0;
      if (input.disabled) await tx.session.deleteMany({ where: { userId } });
      await recordAudit(tx, {
        actorId: actor.id,
        action: input.disabled ? "user.disable" : "user.enable",
        objectType: "user",
        objectId: userId,
        before: { disabled: current.disabled },
        after: input.disabled ? { disabled: true, revokedTokens } : { disabled: false },
      });
    }
    return toUserDto(updated);
  });
}
