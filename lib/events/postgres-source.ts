import "server-only";
import pg from "pg";
import { db } from "@/lib/db";
import { createEventFanout, type EventFanout } from "@/lib/events/fanout";
import { classifyDatabaseUrl, redactDatabaseUrl } from "@/prisma/database-url";

/** The PostgreSQL channel every app process LISTENs on. */
export const EVENTS_CHANNEL = "claimcheck_events";

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

/**
 * Article events across app processes on one PostgreSQL database.
 *
 * After a commit, the writing process wakes its own subscribers directly and NOTIFYs the others
 * with a small payload, `e <process> <article id> <seq>`; each process LISTENs on one dedicated
 * connection of its own (reconnecting with back-off) and, on a notification, reads the event rows
 * after what its subscribers have seen from ArticleEvent, so nothing is lost and order is kept
 * whatever NOTIFY does. Presence changes travel as `p <process> <article id>`. The fan-out's 1 s
 * poll of the open articles' change sequence stays on as the safety net (a notification lost
 * while the listener reconnects, a process that died between its commit and its NOTIFY).
 */
export function createPostgresEventSource(databaseUrl: string): EventFanout {
  const target = classifyDatabaseUrl(databaseUrl);
  if (target.dialect !== "postgresql") throw new Error("createPostgresEventSource needs a postgresql:// DATABASE_URL");

  // NOTIFYs of one turn of the event loop, one per article (the highest sequence number wins).
  const pendingEvents = new Map<string, number | undefined>();
  const pendingPresence = new Set<string>();
  let flushScheduled = false;

  function scheduleFlush() {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      const messages = [
        ...[...pendingEvents].map(([articleId, seq]) => `e ${fanout.instance} ${articleId} ${seq ?? ""}`.trimEnd()),
        ...[...pendingPresence].map((articleId) => `p ${fanout.instance} ${articleId}`),
      ];
      pendingEvents.clear();
      pendingPresence.clear();
      for (const payload of messages) {
        // Through the app's pool (not the LISTEN connection, which may be reconnecting). A failure
        // costs the other processes up to one poll interval, nothing more.
        db.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, ${payload})`.catch((error: unknown) => {
          console.error("Article event NOTIFY failed:", error instanceof Error ? error.message : error);
        });
      }
    });
  }

  const fanout = createEventFanout({
    events(articleId, seq) {
      // An unknown sequence number ("look") wins over any known one.
      const had = pendingEvents.has(articleId);
      const before = pendingEvents.get(articleId);
      pendingEvents.set(articleId, seq === undefined || (had && before === undefined) ? undefined : Math.max(seq, before ?? 0));
      scheduleFlush();
    },
    presence(articleId) {
      pendingPresence.add(articleId);
      scheduleFlush();
    },
  });

  let client: pg.Client | null = null;
  let connecting = false;
  let closed = false;
  let delay = RECONNECT_MIN_MS;
  let retry: ReturnType<typeof setTimeout> | null = null;

  function onNotification(message: pg.Notification) {
    const [kind, from, articleId, seq] = (message.payload ?? "").split(" ");
    if (!articleId || from === fanout.instance) return;
    if (kind === "e") fanout.wake(articleId, seq ? Number(seq) : undefined);
    else if (kind === "p") fanout.refreshPresence(articleId);
  }

  function scheduleReconnect() {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, delay);
    retry.unref?.();
    delay = Math.min(delay * 2, RECONNECT_MAX_MS);
  }

  function drop(c: pg.Client, why: unknown) {
    if (client !== c && client !== null) return;
    if (client === c) {
      client = null;
      if (!closed) console.error(`Article event listener lost its connection (${why instanceof Error ? why.message : String(why)}); reconnecting.`);
    }
    c.removeAllListeners("notification");
    c.end().catch(() => {});
    scheduleReconnect();
  }

  async function connect() {
    if (client || connecting || closed) return;
    connecting = true;
    const c = new pg.Client({ connectionString: target.url, keepAlive: true, application_name: "claimcheck-listen" });
    c.on("notification", onNotification);
    c.on("error", (error) => drop(c, error));
    c.on("end", () => drop(c, "connection ended"));
    try {
      await c.connect();
      await c.query(`LISTEN ${EVENTS_CHANNEL}`);
      if (closed) {
        await c.end();
        return;
      }
      client = c;
      delay = RECONNECT_MIN_MS;
      // Whatever was said while nobody listened is read from the tables now.
      fanout.wakeAll();
    } catch (error) {
      console.error(`Article event listener could not connect to ${redactDatabaseUrl(target.url)}:`, error instanceof Error ? error.message : error);
      c.removeAllListeners("notification");
      c.end().catch(() => {});
      scheduleReconnect();
    } finally {
      connecting = false;
    }
  }

  void connect();

  return {
    ...fanout,
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
      await fanout.close();
    },
  };
}
