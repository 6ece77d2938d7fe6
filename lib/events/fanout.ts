import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { ArticleEventData } from "@/lib/events/record";
import type { ArticleEventSource, Person, StreamEvent, Subscription } from "@/lib/events/source";
import { PRESENCE_HEARTBEAT_MS, forgetInstance, heartbeat, markAbsent, markPresent, readPresence } from "@/lib/events/presence";

type Sub = Subscription & { after: number; peopleKey?: string };
type Channel = { subs: Set<Sub>; seen: number; people: Person[] };

const BATCH = 500;
/**
 * How often open articles are checked for events nobody published (another process whose NOTIFY
 * was lost, a missed call). EVENTS_POLL_MS changes it (tests turn it off to prove the NOTIFY path).
 */
const POLL_MS = Number(process.env.EVENTS_POLL_MS) > 0 ? Number(process.env.EVENTS_POLL_MS) : 1000;

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

/** A job that runs again (once) when asked while it runs, so bursts of requests cost one or two runs. */
function coalesced(run: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const go = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await run();
      } while (again);
    } finally {
      running = false;
    }
  };
  return () => void go();
}

/** What a fan-out tells the other app processes (a LISTEN/NOTIFY source sends it; the in-process source has nobody to tell). */
export type FanoutBroadcast = {
  /** The article has new committed events, up to `seq` when known. */
  events?: (articleId: string, seq?: number) => void;
  /** Who has the article open changed (here). */
  presence?: (articleId: string) => void;
};

/** An event source plus what a transport calls when another process says something. */
export type EventFanout = ArticleEventSource & {
  /** This process's id in the presence table. */
  readonly instance: string;
  /** Another process says the article has events up to `seq` (when known). */
  wake(articleId: string, seq?: number): void;
  /** Every open article may have missed news (the transport reconnected). */
  wakeAll(): void;
  /** Another process says who has the article open changed. */
  refreshPresence(articleId: string): void;
  /** Stops the timers and removes this process's presence rows. */
  close(): Promise<void>;
};

/**
 * The fan-out for one process: one database read per burst of changes, shared by every subscriber
 * of the article; a 1 s poll of the open articles' change sequence as the safety net for anything
 * nobody announced; presence kept in the database (lib/events/presence.ts) so that every process
 * sees everyone.
 */
export function createEventFanout(broadcast: FanoutBroadcast = {}): EventFanout {
  const instance = randomUUID();
  const channels = new Map<string, Channel>();
  const pumps = new Map<string, () => void>();
  const presenceJobs = new Map<string, () => void>();
  // Per article, the people whose presence rows this process has written.
  const written = new Map<string, Map<string, Person>>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let beat: ReturnType<typeof setInterval> | null = null;
  let closed = false;

  async function pumpOnce(articleId: string) {
    for (;;) {
      const channel = channels.get(articleId);
      if (!channel || channel.subs.size === 0) return;
      const from = Math.min(...[...channel.subs].map((s) => s.after));
      const events = await loadEvents(articleId, from);
      if (events.length === 0) return;
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
      if (events.length < BATCH) return;
    }
  }

  function pump(articleId: string) {
    let job = pumps.get(articleId);
    if (!job) {
      job = coalesced(() =>
        pumpOnce(articleId).catch((error) => {
          console.error("Article event fan-out failed:", error);
        }),
      );
      pumps.set(articleId, job);
    }
    job();
  }

  /** Brings this process's presence rows for the article in line with its subscribers, then tells everyone who is there. */
  async function syncPresence(articleId: string) {
    // Once closed, this process's rows are removed all at once (close()).
    if (closed) return;
    const channel = channels.get(articleId);
    const want = new Map<string, Person>();
    for (const s of channel?.subs ?? []) want.set(s.user.id, s.user);
    const have = written.get(articleId) ?? new Map<string, Person>();
    const added = [...want.values()].filter((p) => !have.has(p.id));
    const gone = [...have.keys()].filter((id) => !want.has(id));
    if (added.length || gone.length) {
      await markPresent(instance, articleId, added);
      await markAbsent(instance, articleId, gone);
      if (want.size) written.set(articleId, want);
      else written.delete(articleId);
      broadcast.presence?.(articleId);
    }
    await announce(articleId);
  }

  /** Reads who has the article open (every process) and sends it to each subscriber that has not seen that list yet. */
  async function announce(articleId: string) {
    const channel = channels.get(articleId);
    if (!channel) return;
    const people = await readPresence(articleId);
    channel.people = people;
    const key = JSON.stringify(people);
    for (const sub of channel.subs) {
      if (sub.peopleKey === key) continue;
      sub.peopleKey = key;
      try {
        sub.onPresence?.(people);
      } catch {
        // As above.
      }
    }
  }

  function presence(articleId: string) {
    let job = presenceJobs.get(articleId);
    if (!job) {
      job = coalesced(() =>
        syncPresence(articleId).catch((error) => {
          console.error("Article presence failed:", error);
        }),
      );
      presenceJobs.set(articleId, job);
    }
    job();
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

  async function heartbeatTick() {
    try {
      if (written.size) await heartbeat(instance);
    } catch (error) {
      console.error("Article presence heartbeat failed:", error);
    }
    // Expired rows of other processes, and anything a missed message would have said.
    for (const articleId of channels.keys()) presence(articleId);
  }

  function startTimers() {
    if (!timer) {
      timer = setInterval(poll, POLL_MS);
      timer.unref?.();
    }
    if (!beat) {
      beat = setInterval(heartbeatTick, PRESENCE_HEARTBEAT_MS);
      beat.unref?.();
    }
  }

  function stopTimersIfIdle() {
    if (channels.size > 0) return;
    if (timer) clearInterval(timer);
    timer = null;
    // The heartbeat keeps running while rows remain to be removed; it stops with the last one.
    if (beat && written.size === 0) {
      clearInterval(beat);
      beat = null;
    }
  }

  return {
    instance,
    subscribe(articleId, afterSeq, subscription) {
      let channel = channels.get(articleId);
      if (!channel) {
        channel = { subs: new Set(), seen: afterSeq, people: [] };
        channels.set(articleId, channel);
      }
      const sub: Sub = { ...subscription, after: afterSeq };
      channel.subs.add(sub);
      if (!closed) startTimers();
      presence(articleId);
      pump(articleId);
      return () => {
        const ch = channels.get(articleId);
        if (!ch) return;
        ch.subs.delete(sub);
        if (ch.subs.size === 0) {
          channels.delete(articleId);
          pumps.delete(articleId);
        }
        presence(articleId);
        stopTimersIfIdle();
      };
    },
    publish(articleId, seq) {
      const channel = channels.get(articleId);
      if (channel && (seq === undefined || seq > channel.seen)) pump(articleId);
      broadcast.events?.(articleId, seq);
    },
    present(articleId) {
      return channels.get(articleId)?.people ?? [];
    },
    wake(articleId, seq) {
      const channel = channels.get(articleId);
      if (channel && (seq === undefined || seq > channel.seen)) pump(articleId);
    },
    wakeAll() {
      for (const articleId of channels.keys()) {
        pump(articleId);
        presence(articleId);
      }
    },
    refreshPresence(articleId) {
      if (channels.has(articleId)) presence(articleId);
    },
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      if (beat) clearInterval(beat);
      timer = beat = null;
      written.clear();
      await forgetInstance(instance).catch(() => {});
    },
  };
}

/** The source for one app process on SQLite: nobody else to tell. */
export function createInProcessEventSource(): EventFanout {
  return createEventFanout();
}

