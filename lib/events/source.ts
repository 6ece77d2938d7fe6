import "server-only";
import { databaseDialect } from "@/lib/db-dialect";
import type { ArticleEventData } from "@/lib/events/record";
import { createInProcessEventSource, type EventFanout } from "@/lib/events/fanout";
import { createPostgresEventSource } from "@/lib/events/postgres-source";

export { createInProcessEventSource };

/** One stored article event as a stream sends it. */
export type StreamEvent = { seq: number; type: string; data: ArticleEventData };
export type Person = { id: string; name: string };

export type Subscription = {
  /** Who is listening (for presence). */
  user: Person;
  /** Called with events in sequence order, each exactly once, starting after `afterSeq`. */
  onEvents: (events: StreamEvent[]) => void;
  /** Called with everyone who has the article open, whenever that changes. */
  onPresence?: (people: Person[]) => void;
};

/**
 * Where article events come from. The events themselves are stored in the database in the same
 * transaction as the change (lib/events/record.ts), so a source only has to say *when* to look:
 * `publish` after a commit. Both sources share one fan-out (lib/events/fanout.ts): the in-process
 * source serves one app process (SQLite); the PostgreSQL source (lib/events/postgres-source.ts)
 * also NOTIFYs the other processes, whose LISTEN connection pokes their fan-out.
 */
export type ArticleEventSource = {
  /** Streams the article's events after `afterSeq` (replaying stored ones first). Returns the unsubscribe function. */
  subscribe(articleId: string, afterSeq: number, subscription: Subscription): () => void;
  /** Says an article has new committed events (up to `seq` when known). Cheap; safe to call for articles nobody watches. */
  publish(articleId: string, seq?: number): void;
  /** The people who have the article open now (in any process; as last read). */
  present(articleId: string): Person[];
};

// One source per process, shared by route handlers and server actions (which Next may bundle apart).
const holder = globalThis as unknown as { __claimcheckEventSource?: ArticleEventSource };

/** The process's event source: LISTEN/NOTIFY on PostgreSQL (several processes), in-process on SQLite. */
export function eventSource(): ArticleEventSource {
  holder.__claimcheckEventSource ??= databaseDialect() === "postgresql" ? createPostgresEventSource(process.env.DATABASE_URL!) : createInProcessEventSource();
  return holder.__claimcheckEventSource;
}

/** Replaces the event source (a test double). */
export function setEventSource(source: ArticleEventSource): void {
  holder.__claimcheckEventSource = source;
}

/** Call after a transaction that recorded article events has committed (with the last sequence number it recorded). */
export function publishArticleChange(articleId: string, seq?: number): void {
  eventSource().publish(articleId, seq);
}

/** Stops the process's event source (graceful shutdown): its timers, its LISTEN connection, its presence rows. */
export async function closeEventSource(): Promise<void> {
  const source = holder.__claimcheckEventSource as Partial<EventFanout> | undefined;
  await source?.close?.();
}
