import "server-only";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";

export type AuditNames = {
  /** Claim id → where it is, for links. */
  claims: Record<string, { articleId: string; number: number; articleTitle: string }>;
  /** User id → name, for "assigned to Sam". */
  users: Record<string, string>;
  /** Status key → label. */
  statuses: Record<string, string>;
};

/** Names for the ids an audit page shows, so it reads in words (admins only). */
export async function loadAuditNames(actor: Actor, events: { objectType: string; objectId: string; after: string | null }[]): Promise<AuditNames> {
  if (actor.role !== "admin") throw new ForbiddenError("Only admins can read the audit log.");
  const claimIds = [...new Set(events.filter((e) => e.objectType === "claim").map((e) => e.objectId))];
  const [claims, users, statuses] = await Promise.all([
    claimIds.length
      ? db.claim.findMany({ where: { id: { in: claimIds } }, select: { id: true, articleId: true, number: true, article: { select: { title: true } } } })
      : Promise.resolve([]),
    db.user.findMany({ select: { id: true, name: true } }),
    db.status.findMany({ select: { key: true, label: true } }),
  ]);
  return {
    claims: Object.fromEntries(claims.map((c) => [c.id, { articleId: c.articleId, number: c.number, articleTitle: c.article.title }])),
    users: Object.fromEntries(users.map((u) => [u.id, u.name])),
    statuses: Object.fromEntries(statuses.map((s) => [s.key, s.label])),
  };
}
