"use client";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { articleTextUrl } from "@/lib/articles/text-url";
import { useInBrowser } from "@/components/claims/use-in-browser";

export type ArticleTextState =
  | { status: "loading"; body: null }
  | { status: "ready"; body: string }
  | { status: "error"; body: null; message: string; retry: () => void };

// The last text read in this tab, so going Back to an article draws its text at once. A
// revision's text never changes, so a text kept under its URL (which names the revision) is never
// stale. Set only in the browser (in an effect), never during a server render.
let last: { url: string; body: string } | null = null;

type Read = { response: Response; body?: string };

// Reads started during the first render in the browser (the hydration), by URL: the request (the
// page's preload) and its decoding then go on while the rest of the page hydrates, instead of
// starting in an effect once it has. Used by the effect, forgotten once it has settled.
const started = new Map<string, Promise<Read>>();

function readText(url: string, revision: number, signal?: AbortSignal): Promise<Read> {
  // The same request as the page's preload (same URL, mode and credentials), so it is reused.
  return fetch(url, { credentials: "include", signal }).then(async (response) => {
    if (!response.ok || response.headers.get("x-article-revision") !== String(revision)) return { response };
    performance.mark("claimcheck:text-response");
    const body = await response.text();
    performance.mark("claimcheck:text-decoded");
    return { response, body };
  });
}

/**
 * The article's text at `revision` (the revision the page rendered, so the claims' offsets always
 * refer to it), read from GET /api/v1/articles/:id/text. The page hints the same URL in its head
 * (a preload with credentials), so this read usually finds it downloaded or on its way.
 * `onGone` is called when that revision's text is no longer there (the page is out of date).
 */
export function useArticleText(articleId: string, revision: number, onGone: () => void): ArticleTextState {
  const url = articleTextUrl(articleId, revision);
  const inBrowser = useInBrowser();
  const [read, setRead] = useState<{ url: string; body?: string; error?: string }>({ url });
  const [attempt, setAttempt] = useState(0);
  const kept = inBrowser && last?.url === url ? last.body : undefined;
  // In the browser, from the hydrating render on (never in the server's render): start reading now.
  if (typeof window !== "undefined" && last?.url !== url && attempt === 0 && !started.has(url)) {
    const reading = readText(url, revision);
    reading.catch(() => {});
    started.set(url, reading);
  }
  // Read from the effect without being one of its dependencies (a new function must not read the text again).
  const gone = useRef(onGone);
  useEffect(() => {
    gone.current = onGone;
  }, [onGone]);

  useEffect(() => {
    if (last?.url === url) return;
    const controller = new AbortController();
    const early = attempt === 0 ? started.get(url) : undefined;
    (early ?? readText(url, revision, controller.signal))
      .finally(() => started.delete(url))
      .then(({ response, body }) => {
        if (controller.signal.aborted) return;
        if (body !== undefined) {
          last = { url, body };
          setRead({ url, body });
          return;
        }
        if (response.status === 401) return setRead({ url, error: "Your session has ended. Sign in again to read the article." });
        if (response.status === 404 || response.ok) {
          // This revision is gone (the article was deleted or rewritten): read the page again.
          setRead({ url, error: "This version of the article is no longer available. Loading the current one…" });
          gone.current();
          return;
        }
        setRead({ url, error: `The article text could not be loaded (error ${response.status}).` });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setRead({ url, error: error instanceof Error && error.name === "TypeError" ? "The article text could not be loaded: the connection failed." : "The article text could not be loaded." });
      });
    return () => controller.abort();
  }, [url, revision, attempt]);

  const body = kept ?? (read.url === url ? read.body : undefined);
  if (body !== undefined) return { status: "ready", body };
  if (read.url === url && read.error !== undefined) {
    const message = read.error;
    return { status: "error", body: null, message, retry: () => { setRead({ url }); setAttempt((n) => n + 1); } };
  }
  return { status: "loading", body: null };
}

// Whether the article text is drawn on the page now (other parts of the page, such as the
// suggestion marks, draw on it once it is there).
let shown = false;
const listeners = new Set<() => void>();

/** Called by the workspace when its text is drawn (true) or gone (false). */
export function setArticleTextShown(value: boolean): void {
  if (shown === value) return;
  shown = value;
  for (const listener of listeners) listener();
}

function subscribeShown(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True while the article text is drawn on the page (false in the server render and while hydrating). */
export function useArticleTextShown(): boolean {
  return useSyncExternalStore(subscribeShown, () => shown, () => false);
}
