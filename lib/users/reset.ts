/**
 * The operator's way back into a locked-out account (`npm run user:reset`): a new password, the
 * sign-in throttle cleared, every session ended, and optionally the second factor removed.
 * Takes the Prisma client as an argument so the script can run it outside Next.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db-client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { hashPassword } from "@/lib/security/hash";
import { checkPasswordPolicy } from "@/lib/security/passwords";
import { ACCOUNT_RULE, TWO_FACTOR_RULE, accountKey, resetThrottle } from "@/lib/security/throttle";

export type ResetResult = { userId: string; endedSessions: number; removedTwoFactor: boolean };

/** Resets `email`'s password (checked against the policy) and clears its throttle; audited as done by the operator. */
export async function resetAccount(db: Db, emailInput: string, password: string, options: { removeTwoFactor?: boolean } = {}): Promise<ResetResult> {
  const email = accountKey(emailInput);
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true } });
  if (!user) throw new NotFoundError("user");
  const problem = checkPasswordPolicy(password, { email, name: user.name });
  if (problem) throw new ValidationError(problem, { password: problem });
  const passwordHash = await hashPassword(password);
  const result = await db.$transaction(async (tx) => {
    const account = await tx.account.findFirst({ where: { userId: user.id, providerId: "credential" }, select: { id: true } });
    if (account) await tx.account.update({ where: { id: account.id }, data: { password: passwordHash } });
    else await tx.account.create({ data: { id: randomUUID(), accountId: user.id, providerId: "credential", userId: user.id, password: passwordHash } });
    const ended = await tx.session.deleteMany({ where: { userId: user.id } });
    let removedTwoFactor = false;
    if (options.removeTwoFactor) {
      removedTwoFactor = (await tx.twoFactor.deleteMany({ where: { userId: user.id } })).count > 0;
      await tx.user.update({ where: { id: user.id }, data: { twoFactorEnabled: false } });
    }
    await tx.auditEvent.create({
      data: {
        actorId: null,
        action: "user.operator_reset",
        objectType: "user",
        objectId: user.id,
        after: JSON.stringify({ via: "npm run user:reset", endedSessions: ended.count, removedTwoFactor }),
      },
    });
    return { userId: user.id, endedSessions: ended.count, removedTwoFactor };
  });
  await resetThrottle(db, ACCOUNT_RULE, email);
  await resetThrottle(db, TWO_FACTOR_RULE, user.id);
  return result;
}
