import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { trackArticleEvents } from "@/lib/events/record";
import { publishArticleChange } from "@/lib/events/source";

/**
 * `db.$transaction` for operations that record article events: once the transaction has
 * committed, every article it recorded events for is published to open event streams.
 */
export async function articleTransaction<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const touched = new Map<string, number>();
  const result = await db.$transaction(async (tx) => {
    trackArticleEvents(tx, touched);
    return fn(tx);
  });
  for (const [articleId, seq] of touched) publishArticleChange(articleId, seq);
  return result;
}
