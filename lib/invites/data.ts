import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { can, toRole, type Actor, type Role } from "@/lib/permissions";
import { recordAudit } from "@/lib/audit/data";
import { createAccount, type UserDto } from "@/lib/users/accounts";
import { appOrigin } from "@/lib/config";

/** How long an invitation link works. */
export const INVITE_TTL_HOURS = 72;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type InviteDto = { id: string; email: string; name: string; role: Role; expiresAt: string; usedAt: string | null; createdAt: string };

/** An admin invites someone: returns the one-time link (only its hash is stored). */
export async function createInvite(actor: Actor, input: { email: string; name: string; role: Role }): Promise<{ invite: InviteDto; link: string }> {
  if (!can(actor, "users:manage")) throw new ForbiddenError("Only admins can invite users.");
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new ConflictError("A user with this email already exists.", { email: input.email }, "already_exists");
  }
  const token = randomBytes(32).toString("base64url");
  const row = await db.$transaction(async (tx) => {
    const created = await tx.invite.create({
      data: { ...input, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + INVITE_TTL_HOURS * 3600_000), createdById: actor.id },
    });
    await recordAudit(tx, { actorId: actor.id, action: "invite.create", objectType: "invite", objectId: created.id, after: { email: input.email, role: input.role } });
    return created;
  });
  return { invite: toInviteDto(row), link: `${appOrigin()}/invite/${token}` };
}

function toInviteDto(row: { id: string; email: string; name: string; role: string; expiresAt: Date; usedAt: Date | null; createdAt: Date }): InviteDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: toRole(row.role),
    expiresAt: row.expiresAt.toISOString(),
    usedAt: row.usedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Open invitations (admins). */
export async function listOpenInvites(actor: Actor): Promise<InviteDto[]> {
  if (!can(actor, "users:manage")) throw new ForbiddenError();
  const rows = await db.invite.findMany({ where: { usedAt: null, expiresAt: { gt: new Date() } }, orderBy: { createdAt: "desc" } });
  return rows.map(toInviteDto);
}

/** Withdraws an open invitation (admins). */
export async function revokeInvite(actor: Actor, inviteId: string): Promise<void> {
  if (!can(actor, "users:manage")) throw new ForbiddenError();
  await db.$transaction(async (tx) => {
    const row = await tx.invite.findUnique({ where: { id: inviteId } });
    if (!row || row.usedAt) throw new NotFoundError("invitation");
    await tx.invite.update({ where: { id: inviteId }, data: { expiresAt: new Date() } });
    await recordAudit(tx, { actorId: actor.id, action: "invite.revoke", objectType: "invite", objectId: inviteId });
  });
}

/** The invitation behind a link, if it can still be used. */
export async function findUsableInvite(token: string): Promise<InviteDto | null> {
  const row = await db.invite.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.usedAt || row.expiresAt <= new Date()) return null;
  return toInviteDto(row);
}

/** Uses an invitation once: creates the account with the chosen password. */
export async function acceptInvite(token: string, password: string): Promise<UserDto> {
  const invite = await findUsableInvite(token);
  if (!invite) throw new NotFoundError("invitation");
  // Claim the invitation first, so a link cannot be used twice even by two tabs at once.
  const claimed = await db.invite.updateMany({ where: { id: invite.id, usedAt: null }, data: { usedAt: new Date() } });
  if (claimed.count !== 1) throw new NotFoundError("invitation");
  try {
    const user = await createAccount(db, { email: invite.email, name: invite.name, role: invite.role, password }, null);
    await recordAudit(db, { actorId: user.id, action: "invite.accept", objectType: "invite", objectId: invite.id, after: { userId: user.id, role: user.role } });
    return user;
  } catch (error) {
    // A refused password leaves the invitation usable.
    await db.invite.update({ where: { id: invite.id }, data: { usedAt: null } });
    throw error;
  }
}
