import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/permissions";
import { findMentions } from "@/lib/comments/mentions";

type Tx = Prisma.TransactionClient;

export type NotificationKind = "mention" | "assigned" | "changes_requested" | "approved";

export type NotificationDto = {
  id: string;
  kind: NotificationKind;
  claimId: string | null;
  actor: { id: string; name: string } | null;
  at: string;
  read: boolean;
  /** Where the claim is (additions to the API's shape, for links). */
  articleId: string | null;
  claimNumber: number | null;
};

/** Notifies `userIds` (never the actor themself, never a disabled user) in the caller's transaction. */
export async function notifyUsers(tx: Tx, input: { userIds: string[]; kind: NotificationKind; claimId: string | null; actorId: string | null }) {
  const ids = [...new Set(input.userIds)].filter((id) => id && id !== input.actorId);
  if (ids.length === 0) return;
  const active = await tx.user.findMany({ where: { id: { in: ids }, disabled: false }, select: { id: true } });
  for (const u of active) {
    await tx.notification.create({ data: { userId: u.id, kind: input.kind, claimId: input.claimId, actorId: input.actorId } });
  }
}

/** Notifies everyone @mentioned in a comment. */
export async function notifyMentions(tx: Tx, input: { body: string; claimId: string; actorId: string }) {
  if (!input.body.includes("@")) return;
  const users = await tx.user.findMany({ where: { disabled: false }, select: { id: true, name: true } });
  const mentioned = findMentions(input.body, users);
  await notifyUsers(tx, { userIds: mentioned.map((u) => u.id), kind: "mention", claimId: input.claimId, actorId: input.actorId });
}

/** The caller's notifications, newest first (the latest 100). */
export async function listNotifications(actor: Actor, query: { unread?: boolean }): Promise<{ notifications: NotificationDto[] }> {
  const rows = await db.notification.findMany({
    where: { userId: actor.id, ...(query.unread ? { readAt: null } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
    select: { id: true, kind: true, claimId: true, createdAt: true, readAt: true, actor: { select: { id: true, name: true } } },
  });
  const claimIds = [...new Set(rows.map((r) => r.claimId).filter((x): x is string => !!x))];
  const claims = claimIds.length
    ? await db.claim.findMany({ where: { id: { in: claimIds } }, select: { id: true, articleId: true, number: true } })
    : [];
  const where = new Map(claims.map((c) => [c.id, c]));
  return {
    notifications: rows.map((r) => ({
      id: r.id,
      kind: r.kind as NotificationKind,
      claimId: r.claimId,
      actor: r.actor,
      at: r.createdAt.toISOString(),
      read: r.readAt !== null,
      articleId: (r.claimId && where.get(r.claimId)?.articleId) || null,
      claimNumber: (r.claimId && where.get(r.claimId)?.number) || null,
    })),
  };
}

/** How many unread notifications the caller has. */
export async function countUnreadNotifications(actor: Actor): Promise<number> {
  return db.notification.count({ where: { userId: actor.id, readAt: null } });
}

/** Marks the caller's notifications read: the given ids (others' ids are ignored), or all. */
export async function markNotificationsRead(actor: Actor, input: { ids?: string[]; all?: boolean }): Promise<void> {
  await db.notification.updateMany({
    where: { userId: actor.id, readAt: null, ...(input.all ? {} : { id: { in: input.ids ?? [] } }) },
    data: { readAt: new Date() },
  });
}
