"use client";
import { useEffect, useState } from "react";
import { SuggestionMarks } from "@/components/claims/suggestion-marks";
import type { Suggestion } from "@/lib/suggestions/score";

/** How many suggestions the page lists: a 2 MB article can have thousands; it shows the strongest. */
const SHOWN = 100;

type Loaded = { suggestions: Suggestion[]; total: number; revision: number };
type State = { status: "loading" } | { status: "ready"; data: Loaded } | { status: "error"; message: string };

/**
 * The suggested claims, read from GET /api/v1/articles/:id/suggestions once the page is up rather
 * than rendered with it: scoring a long text the first time takes a few hundred milliseconds
 * (lib/suggestions/data.ts), and neither the page, nor its text, nor an import's answer (which
 * renders this page) waits for it. Until they come, a line of the closed disclosure's size holds
 * their place, so the text does not move when they arrive.
 */
export function SuggestionsPanel({ articleId, revision, canAccept }: { articleId: string; revision: number; canAccept: boolean }) {
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/v1/articles/${encodeURIComponent(articleId)}/suggestions?limit=${SHOWN}`, { credentials: "include", signal: controller.signal })
      .then(async (response) => {
        const body = (await response.json().catch(() => null)) as (Loaded & { error?: { message?: string } }) | null;
        if (!response.ok || !body) throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
        setState({ status: "ready", data: body });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: "error", message: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [articleId, attempt]);

  if (state.status === "ready") {
    const { suggestions, total, revision: scored } = state.data;
    // Scored on a newer text than the page shows (an edit in between): the page reloads with it.
    if (scored !== revision || suggestions.length === 0) return null;
    return <SuggestionMarks articleId={articleId} revision={revision} suggestions={suggestions} total={total} canAccept={canAccept} />;
  }
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-busy={state.status === "loading"} aria-label="Suggested claims">
      {state.status === "loading" ? (
        <p className="px-4 py-2 text-sm text-slate-600">
          <span aria-hidden className="mr-2 inline-block text-xs">
            ▶
          </span>
          Suggested claims: finding checkable sentences…
        </p>
      ) : (
        <p role="alert" className="flex flex-wrap items-center gap-2 px-4 py-2 text-sm text-slate-700">
          Suggested claims could not be loaded: {state.message}
          <button
            type="button"
            className="rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-50"
            onClick={() => {
              setState({ status: "loading" });
              setAttempt((n) => n + 1);
            }}
          >
            Try again
          </button>
        </p>
      )}
    </section>
  );
}
