import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ClaimDto } from "@/lib/claims/dto";

type Tx = Prisma.TransactionClient;

/** The event types of `GET /api/v1/articles/:id/events` (shared/API.md). */
export type ArticleEventType =
  | "claim.created"
  | "claim.updated"
  | "claim.deleted"
  | "claim.reviewed"
  | "evidence.added"
  | "evidence.changed"
  | "evidence.removed"
  | "comment.added"
  | "article.revised";

export type ArticleEventData = {
  claimId?: string;
  version?: number;
  revision?: number;
  actor: { id: string; name: string } | null;
  claim?: ClaimDto;
};

export type ArticleEventInput = {
  articleId: string;
  type: ArticleEventType;
  actorId: string | null;
  /** The actor as `{ id, name }` when the caller has it already (saves a query); must match `actorId`. */
  actor?: { id: string; name: string } | null;
  claimId?: string;
  /** The claim after the change (omitted for deletions: the event is then a tombstone). */
  claim?: ClaimDto;
  revision?: number;
};

// Transactions opened by articleTransaction (lib/events/transaction.ts) collect the articles they
// recorded events for (with the last sequence number), to publish them after the commit.
const tracked = new WeakMap<object, Set<string> | Map<string, number>>();

/** Makes `recordArticleEvent` note in `into` each article it records an event for in `tx` (a Map also keeps the last sequence number). */
export function trackArticleEvents(tx: Tx, into: Set<string> | Map<string, number>): void {
  tracked.set(tx, into);
}

/** The stored payload of an event (ArticleEvent.data), from its input and its actor: one shape for every writer. */
export function articleEventData(input: ArticleEventInput, actor: { id: string; name: string } | null): ArticleEventData {
  return {
    ...(input.claimId ? { claimId: input.claimId } : {}),
    ...(input.claim ? { version: input.claim.version, claim: input.claim } : {}),
    ...(input.revision !== undefined ? { revision: input.revision } : {}),
    actor,
  };
}

/**
 * Records one change to an article in the caller's transaction: the article's change sequence
 * moves by one and the event is stored under that number, so a stream that reconnects replays
 * exactly what it missed. Returns the sequence number.
 */
export async function recordArticleEvent(tx: Tx, input: ArticleEventInput): Promise<number> {
  // Raw SQL so the article's own updatedAt does not move with every claim change. Portable (SQLite ≥ 3.35, PostgreSQL).
  const rows = await tx.$queryRaw<{ changeSeq: number | bigint }[]>`
    UPDATE "Article" SET "changeSeq" = "changeSeq" + 1 WHERE "id" = ${input.articleId} RETURNING "changeSeq"`;
  if (rows.length === 0) throw new Error(`recordArticleEvent: no article ${input.articleId}`);
  const seq = Number(rows[0].changeSeq);
  // The caller may pass the actor's { id, name } when it has just read it (the claim save does).
  const actor =
    input.actor !== undefined && (input.actor?.id ?? null) === input.actorId
      ? input.actor
      : input.actorId
        ? await tx.user.findUnique({ where: { id: input.actorId }, select: { id: true, name: true } })
        : null;
  await tx.articleEvent.create({
    data: { articleId: input.articleId, seq, type: input.type, claimId: input.claimId ?? null, actorId: input.actorId, data: JSON.stringify(articleEventData(input, actor)) },
  });
  const into = tracked.get(tx);
  if (into instanceof Map) into.set(input.articleId, Math.max(seq, into.get(input.articleId) ?? 0));
  else into?.add(input.articleId);
  return seq;
}
