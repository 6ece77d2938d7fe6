import "server-only";
import { db } from "@/lib/db";

/**
 * Who has an article open, shared by every app process through the database (model
 * ArticlePresence): each process keeps one row per (article, person) it streams to, refreshes
 * their `seenAt` every PRESENCE_HEARTBEAT_MS, and removes them when the last stream of that person
 * closes. Rows of a process that died stop being counted after PRESENCE_EXPIRY_MS (the hosts'
 * clocks must agree to within a few seconds: NTP). Works the same on SQLite and PostgreSQL.
 */
export const PRESENCE_HEARTBEAT_MS = 10_000;
export const PRESENCE_EXPIRY_MS = 30_000;

export type PresentPerson = { id: string; name: string };

/** Records that `instance` streams `articleId` to these people now. */
export async function markPresent(instance: string, articleId: string, people: PresentPerson[]): Promise<void> {
  const seenAt = new Date();
  for (const p of people) {
    const id = `${instance} ${articleId} ${p.id}`;
    await db.articlePresence.upsert({
      where: { id },
      create: { id, articleId, userId: p.id, instance, name: p.name, seenAt },
      update: { seenAt, name: p.name },
    });
  }
}

/** Records that `instance` no longer streams `articleId` to these people. */
export async function markAbsent(instance: string, articleId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.articlePresence.deleteMany({ where: { instance, articleId, userId: { in: userIds } } });
}

/** Keeps every row of `instance` alive, and drops rows that expired long ago (any process's). */
export async function heartbeat(instance: string): Promise<void> {
  const now = Date.now();
  await db.articlePresence.updateMany({ where: { instance }, data: { seenAt: new Date(now) } });
  await db.articlePresence.deleteMany({ where: { seenAt: { lt: new Date(now - 10 * PRESENCE_EXPIRY_MS) } } });
}

/** Removes every row of `instance` (the process is stopping). */
export async function forgetInstance(instance: string): Promise<void> {
  await db.articlePresence.deleteMany({ where: { instance } });
}

/** The people who have the article open in any process, by name. */
export async function readPresence(articleId: string): Promise<PresentPerson[]> {
  const rows = await db.articlePresence.findMany({
    where: { articleId, seenAt: { gte: new Date(Date.now() - PRESENCE_EXPIRY_MS) } },
    select: { userId: true, name: true },
  });
  const byId = new Map<string, PresentPerson>();
  for (const r of rows) byId.set(r.userId, { id: r.userId, name: r.name });
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
