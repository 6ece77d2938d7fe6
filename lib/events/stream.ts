import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { eventSource, type Person, type StreamEvent } from "@/lib/events/source";

/** A comment line at least this often keeps proxies from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;

/** The SSE wire form of one stored event. */
export function formatEvent(e: StreamEvent): string {
  return `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

/** The sequence to resume after: the Last-Event-ID header, else `?after=` (what the page was rendered at), else now. */
async function resumePoint(request: Request, articleId: string, current: number): Promise<number> {
  const header = request.headers.get("last-event-id");
  const query = new URL(request.url).searchParams.get("after");
  for (const raw of [header, query]) {
    if (raw === null || raw.trim() === "") continue;
    const n = Number(raw);
    if (Number.isInteger(n) && n >= 0) return Math.min(n, current);
  }
  void articleId;
  return current;
}

/** The article's current change sequence number (what a page was rendered at). */
export async function getArticleChangeSeq(actor: Actor, articleId: string): Promise<number> {
  if (!can(actor, "article:read")) throw new NotFoundError("article");
  const row = await db.article.findUnique({ where: { id: articleId }, select: { changeSeq: true } });
  if (!row) throw new NotFoundError("article");
  return row.changeSeq;
}

/**
 * Opens `text/event-stream` for an article: replays stored events after the resume point
 * (deletions included), then streams new ones, `presence` events naming who has the article
 * open, and a comment line every 15 s. Closes when the client goes away.
 */
export async function openArticleEventStream(actor: Actor & { name: string }, articleId: string, request: Request): Promise<Response> {
  const current = await getArticleChangeSeq(actor, articleId);
  const after = await resumePoint(request, articleId, current);
  const encoder = new TextEncoder();
  let close: () => void = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const me: Person = { id: actor.id, name: actor.name };
      write(`retry: 2000\n: connected at ${after}\n\n`);
      const unsubscribe = eventSource().subscribe(articleId, after, {
        user: me,
        onEvents: (events) => write(events.map(formatEvent).join("")),
        onPresence: (people) => write(`event: presence\ndata: ${JSON.stringify({ people })}\n\n`),
      });
      const heartbeat = setInterval(() => write(`: keep-alive\n\n`), HEARTBEAT_MS);
      close = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        request.signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // Already closed by the runtime.
        }
      };
      request.signal.addEventListener("abort", close);
    },
    cancel() {
      close();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform also keeps the compression wrapper (scripts/serve.mjs) from buffering the stream.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
