/**
 * Account creation shared by the app, the seed and `npm run user:add`: it takes the Prisma
 * client as an argument so scripts outside Next can use it too.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db-client";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { hashPassword } from "@/lib/security/hash";
import { checkPasswordPolicy } from "@/lib/security/passwords";
import type { Role } from "@/lib/permissions";

export type NewAccount = { email: string; name: string; role: Role; password: string };
export type UserDto = { id: string; email: string; name: string; role: Role; disabled: boolean; createdAt: string };

export const userSelect = { id: true, email: true, name: true, role: true, disabled: true, createdAt: true } as const;

/** Maps a selected user row to the API's user object (never a password hash). */
export function toUserDto(row: { id: string; email: string; name: string; role: string; disabled: boolean; createdAt: Date }): UserDto {
  return { ...row, role: row.role as Role, createdAt: row.createdAt.toISOString() };
}

/** Creates a user with an email-and-password credential, as Better Auth stores it. */
export async function createAccount(
  db: Db,
  input: NewAccount,
  actorId: string | null,
  options: { onlyIfFirst?: boolean } = {},
): Promise<UserDto> {
  const email = input.email.trim().toLowerCase();
  // Refuse before the slow hash: the first-run form is public, and hashing for a refusal would
  // let anyone burn the server's hashing time.
  if (options.onlyIfFirst && (await db.user.count()) > 0) {
    throw new ForbiddenError("This newsroom already has an admin. Sign in instead.");
  }
  const problem = checkPasswordPolicy(input.password, { email, name: input.name });
  if (problem) throw new ValidationError(problem, { password: problem });
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  return db.$transaction(async (tx) => {
    // Checked inside the transaction so two first-run forms cannot both make an admin.
    if (options.onlyIfFirst && (await tx.user.count()) > 0) {
      throw new ForbiddenError("This newsroom already has an admin. Sign in instead.");
    }
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new ConflictError("A user with this email already exists.", { email }, "already_exists");
    }
    const user = await tx.user.create({ data: { id, email, name: input.name.trim(), role: input.role }, select: userSelect });
    await tx.account.create({ data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: passwordHash } });
    await tx.auditEvent.create({
      data: { actorId, action: "user.create", objectType: "user", objectId: id, after: JSON.stringify({ email, role: input.role }) },
    });
    return toUserDto(user);
  });
}
