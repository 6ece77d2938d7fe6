import "server-only";
import { db } from "@/lib/db";
import type { ArticleEventData } from "@/lib/events/record";

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
 * `publish` after a commit. The in-process source below serves one app process; a PostgreSQL
 * LISTEN/NOTIFY source can replace it (publish = NOTIFY, a listener pokes the same fan-out).
 */
export type ArticleEventSource = {
  /** Streams the article's events after `afterSeq` (replaying stored ones first). Returns the unsubscribe function. */
  subscribe(articleId: string, afterSeq: number, subscription: Subscription): () => void;
  /** Says an article has new committed events. Cheap; safe to call for articles nobody watches. */
  publish(articleId: string): void;
  /** The people who have the article open now. */
  present(articleId: string): Person[];
};

type Sub = Subscription & { after: number };
type Channel = { subs: Set<Sub>; fetching: boolean; again: boolean; seen: number };

const BATCH = 500;
/** How often open articles are checked for events nobody published (another process, a missed call). */
const POLL_MS = 1000;

/** Reads stored events after a sequence number, oldest first. */
async function loadEvents(articleId: string, afterSeq: number): Promise<StreamEvent[]> {
  const rows = await db.articleEvent.findMany({
    where: { articleId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: BATCH,
    select: { seq: true, type: true, data: true },
  });
  return rows.map((r) => ({ seq: r.seq, type: r.type, data: JSON.parse(r.data) as ArticleEventData }));
}

/** The fan-out for one process: one database read per burst of changes, shared by every subscriber of the article. */
export function createInProcessEventSource(): ArticleEventSource {
  const channels = new Map<string, Channel>();
  let timer: ReturnType<typeof setInterval> | null = null;

  async function pump(articleId: string) {
    const channel = channels.get(articleId);
    if (!channel) return;
    if (channel.fetching) {
      channel.again = true;
      return;
    }
    channel.fetching = true;
    try {
      do {
        channel.again = false;
        if (channel.subs.size === 0) break;
        const from = Math.min(...[...channel.subs].map((s) => s.after));
        const events = await loadEvents(articleId, from);
        if (events.length === 0) break;
        channel.seen = Math.max(channel.seen, events[events.length - 1].seq);
        for (const sub of channel.subs) {
          const mine = events.filter((e) => e.seq > sub.after);
          if (mine.length === 0) continue;
          sub.after = mine[mine.length - 1].seq;
          try {
            sub.onEvents(mine);
          } catch {
            // A subscriber whose stream broke is removed by its own close handler.
          }
        }
        if (events.length === BATCH) channel.again = true;
      } while (channel.again);
    } catch (error) {
      console.error("Article event fan-out failed:", error);
    } finally {
      channel.fetching = false;
    }
  }

  function announce(articleId: string) {
    const channel = channels.get(articleId);
    if (!channel) return;
    const people = presentIn(channel);
    for (const sub of channel.subs) sub.onPresence?.(people);
  }

  function presentIn(channel: Channel): Person[] {
    const byId = new Map<string, Person>();
    for (const s of channel.subs) byId.set(s.user.id, s.user);
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async function poll() {
    if (channels.size === 0) return;
    try {
      const rows = await db.article.findMany({ where: { id: { in: [...channels.keys()] } }, select: { id: true, changeSeq: true } });
      for (const row of rows) {
        const channel = channels.get(row.id);
        if (channel && row.changeSeq > channel.seen) pump(row.id);
      }
    } catch (error) {
      console.error("Article event poll failed:", error);
    }
  }

  return {
    subscribe(articleId, afterSeq, subscription) {
      let channel = channels.get(articleId);
      if (!channel) {
        channel = { subs: new Set(), fetching: false, again: false, seen: afterSeq };
        channels.set(articleId, channel);
      }
      const sub: Sub = { ...subscription, after: afterSeq };
      channel.subs.add(sub);
      if (!timer) {
        timer = setInterval(poll, POLL_MS);
        timer.unref?.();
      }
      announce(articleId);
      pump(articleId);
      return () => {
        const ch = channels.get(articleId);
        if (!ch) return;
        ch.subs.delete(sub);
        if (ch.subs.size === 0) channels.delete(articleId);
        else announce(articleId);
        if (channels.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    publish(articleId) {
      if (channels.has(articleId)) pump(articleId);
    },
    present(articleId) {
      const channel = channels.get(articleId);
      return channel ? presentIn(channel) : [];
    },
  };
}

// One source per process, shared by route handlers and server actions (which Next may bundle apart).
const holder = globalThis as unknown as { __claimcheckEventSource?: ArticleEventSource };

/** The process's event source. */
export function eventSource(): ArticleEventSource {
  holder.__claimcheckEventSource ??= createInProcessEventSource();
  return holder.__claimcheckEventSource;
}

/** Replaces the event source (a PostgreSQL LISTEN/NOTIFY one, or a test double). */
export function setEventSource(source: ArticleEventSource): void {
  holder.__claimcheckEventSource = source;
}

/** Call after a transaction that recorded article events has committed. */
export function publishArticleChange(articleId: string): void {
  eventSource().publish(articleId);
}
