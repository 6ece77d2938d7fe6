import "server-only";
import { db } from "@/lib/db";
import { ThrottledError, ValidationError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/data";
import { hashPassword, verifyPassword } from "@/lib/security/hash";
import { checkPasswordPolicy } from "@/lib/security/passwords";
import { reserveSignIn } from "@/lib/security/throttle";
import type { SessionUser } from "@/lib/session";

export type ChangePasswordOptions = {
  /** The session to keep signed in (the one making the change); every other session of the user ends. */
  keepSessionId: string | null;
  /** The client address, for the throttle and the audit log. */
  ip?: string | null;
};

/**
 * Changes the user's own password after checking the current one. Wrong guesses count against
 * the same throttle as sign-in, so this form is no easier a way to guess a password. On
 * success every other session of the user is ended.
 */
export async function changePassword(
  user: SessionUser,
  input: { currentPassword: string; newPassword: string },
  options: ChangePasswordOptions,
): Promise<{ endedSessions: number }> {
  const ip = options.ip ?? null;
  // Reserved before hashing, as for sign-in: parallel guesses cannot outrun the count.
  const reservation = await reserveSignIn(db, user.email, ip);
  if (!reservation.allowed) throw new ThrottledError(reservation.retryAfterSeconds);

  const account = await db.account.findFirst({ where: { userId: user.id, providerId: "credential" }, select: { id: true, password: true } });
  if (!account?.password) {
    throw new ValidationError("This account has no password to change. Ask an admin.", { currentPassword: "No password is set for this account." });
  }
  if (!(await verifyPassword(account.password, input.currentPassword))) {
    await recordAudit(db, { actorId: user.id, action: "user.password_change_failed", objectType: "user", objectId: user.id, ip });
    const message = "Your current password is not correct. Nothing was changed.";
    throw new ValidationError(message, { currentPassword: "This is not your current password." });
  }
  // The current password was right, so this is the account holder: their failed attempts are forgiven.
  await reservation.release();

  const problem = checkPasswordPolicy(input.newPassword, { email: user.email, name: user.name });
  if (problem) throw new ValidationError(problem, { newPassword: problem });
  if (input.newPassword === input.currentPassword) {
    const message = "The new password is the same as the current one. Choose a different one.";
    throw new ValidationError(message, { newPassword: message });
  }

  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    await tx.account.update({ where: { id: account.id }, data: { password: passwordHash } });
    const ended = await tx.session.deleteMany({
      where: { userId: user.id, ...(options.keepSessionId ? { id: { not: options.keepSessionId } } : {}) },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.password_change",
      objectType: "user",
      objectId: user.id,
      after: { endedSessions: ended.count },
      ip,
    });
    return { endedSessions: ended.count };
  });
}
