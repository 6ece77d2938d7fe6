"use client";
import { useEffect, useRef, useState } from "react";
import type { Person, StoreEvent } from "@/lib/claims/store";

const EVENT_TYPES = [
  "claim.created",
  "claim.updated",
  "claim.deleted",
  "claim.reviewed",
  "evidence.added",
  "evidence.changed",
  "evidence.removed",
  "comment.added",
  "article.revised",
];

/**
 * Listens to the article's event stream from `afterSeq`: events go to `onEvents`, who else has
 * the article open comes back as `people`. The browser's EventSource reconnects by itself with
 * Last-Event-ID; when it gives up (or the page comes back from the back/forward cache or a hidden
 * tab) a new stream resumes from the last event seen, so nothing is missed and nothing reloaded.
 */
export function useArticleEvents(articleId: string, afterSeq: number, onEvents: (events: StoreEvent[]) => void) {
  const [people, setPeople] = useState<Person[]>([]);
  const [connected, setConnected] = useState(false);
  const last = useRef(afterSeq);
  const handler = useRef(onEvents);
  useEffect(() => {
    handler.current = onEvents;
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;

    const open = () => {
      if (stopped) return;
      source?.close();
      source = new EventSource(`/api/v1/articles/${encodeURIComponent(articleId)}/events?after=${last.current}`);
      source.onopen = () => setConnected(true);
      const onMessage = (m: MessageEvent) => {
        const seq = Number(m.lastEventId);
        if (!Number.isInteger(seq) || seq <= last.current) return;
        last.current = seq;
        try {
          handler.current([{ seq, type: m.type, data: JSON.parse(m.data) }]);
        } catch {
          // A malformed event is skipped; the next one still applies.
        }
      };
      for (const type of EVENT_TYPES) source.addEventListener(type, onMessage);
      source.addEventListener("presence", (m) => {
        try {
          setPeople((JSON.parse((m as MessageEvent).data).people as Person[]) ?? []);
        } catch {
          // ignore
        }
      });
      source.onerror = () => {
        setConnected(false);
        // CLOSED means the browser gave up (e.g. a 5xx or a network change): start again ourselves.
        if (source?.readyState === EventSource.CLOSED) {
          retry = setTimeout(open, 3000);
        }
      };
    };

    const revive = () => {
      if (document.visibilityState === "visible" && (!source || source.readyState === EventSource.CLOSED)) open();
    };
    const onPageShow = (e: PageTransitionEvent) => {
      if (e.persisted) open();
    };
    const onPageHide = () => {
      source?.close();
      source = null;
    };
    open();
    document.addEventListener("visibilitychange", revive);
    window.addEventListener("pageshow", onPageShow);
    window.addEventListener("pagehide", onPageHide);
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      source?.close();
      document.removeEventListener("visibilitychange", revive);
      window.removeEventListener("pageshow", onPageShow);
      window.removeEventListener("pagehide", onPageHide);
    };
  }, [articleId]);

  return { people, connected };
}
