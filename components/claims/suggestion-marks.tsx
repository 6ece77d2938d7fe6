"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/field";
import { createClaimAction } from "@/lib/claims/actions";
import { useArticleTextShown } from "@/components/claims/use-article-text";
import { rangeForOffsets, RUN_SELECTOR } from "@/components/claims/annotated-text";
import type { Suggestion } from "@/lib/suggestions/score";

type HighlightRegistry = { set: (name: string, h: unknown) => void; delete: (name: string) => void };
type HighlightCtor = new (...ranges: Range[]) => unknown;

const STORAGE = (articleId: string) => `claimcheck:dismissed-suggestions:${articleId}`;

/**
 * Suggested claims, behind a disclosure that starts closed ("Suggested claims (100 of 412)" when
 * the page shows only the strongest), so the article text starts right below it. Open, it lists
 * them (a checker accepts one as a claim with "a" or dismisses it with "x"; each shows its reasons
 * in words) and marks them in the text with faint dotted underlines (CSS highlights, so the text's
 * own markup is untouched). The marks are drawn only while the list is open: the browser checks
 * every highlight again after any change to the page, typing in a field included.
 */
export function SuggestionMarks({
  articleId,
  revision,
  suggestions,
  total = suggestions.length,
  canAccept,
}: {
  articleId: string;
  revision: number;
  suggestions: Suggestion[];
  /** How many there are in all (the page may show only the strongest). */
  total?: number;
  canAccept: boolean;
}) {
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());
  const [expanded, setExpanded] = useState(false);
  const [marked, setMarked] = useState(true);
  const shown = expanded && marked;
  const [focus, setFocus] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const key = (s: Suggestion) => `${s.start}:${s.end}`;

  useEffect(() => {
    try {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- dismissals live in localStorage, readable only after hydration
      setDismissed(new Set(JSON.parse(localStorage.getItem(STORAGE(articleId)) ?? "[]")));
    } catch {
      /* nothing stored */
    }
  }, [articleId]);

  // The article text appears once read, after hydration (ArticleWorkspace): draw the marks once it is there.
  const textShown = useArticleTextShown();
  const open = useMemo(() => suggestions.filter((s) => !dismissed.has(key(s))), [suggestions, dismissed]);

  useEffect(() => {
    const registry = (globalThis.CSS as unknown as { highlights?: HighlightRegistry })?.highlights;
    const Highlight = (globalThis as unknown as { Highlight?: HighlightCtor }).Highlight;
    const root = document.querySelector<HTMLElement>('[role="document"]');
    if (!registry || !Highlight || !root || !textShown || !shown) return;
    const draw = () => {
      const runs = Array.from(root.querySelectorAll<HTMLElement>(RUN_SELECTOR));
      const ranges = open.map((s) => rangeForOffsets(root, s.start, s.end, runs)).filter((r): r is Range => r !== null);
      registry.set("claim-suggestion", new Highlight(...ranges));
      const f = open[focus] ? rangeForOffsets(root, open[focus].start, open[focus].end, runs) : null;
      if (f) registry.set("claim-suggestion-focus", new Highlight(f));
      else registry.delete("claim-suggestion-focus");
    };
    draw();
    // The annotated text re-renders when claims change; draw again then.
    const observer = new MutationObserver(draw);
    observer.observe(root, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      registry.delete("claim-suggestion");
      registry.delete("claim-suggestion-focus");
    };
  }, [open, shown, focus, textShown]);

  const dismiss = useCallback(
    (s: Suggestion) => {
      const next = new Set(dismissed).add(key(s));
      setDismissed(next);
      localStorage.setItem(STORAGE(articleId), JSON.stringify([...next]));
    },
    [dismissed, articleId],
  );

  const accept = useCallback(
    async (s: Suggestion) => {
      const result = await createClaimAction({ articleId, revision, start: s.start, end: s.end });
      if (!result.ok) return setMessage(result.error.message);
      // The claim list belongs to the workspace; reload so it shows the new claim.
      window.location.reload();
    },
    [articleId, revision],
  );

  if (suggestions.length === 0) return null;
  const hidden = suggestions.length - open.length;
  const count = total > suggestions.length ? `${open.length} of ${total - hidden}` : String(open.length);
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title" className="text-sm font-semibold">
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls="suggestions-body"
          onClick={() => setExpanded((x) => !x)}
          className="flex w-full items-center gap-2 rounded-lg px-4 py-2 text-left hover:bg-slate-50"
        >
          <span aria-hidden className={`inline-block text-xs text-slate-600 ${expanded ? "rotate-90" : ""}`}>
            ▶
          </span>
          Suggested claims ({count})
          <span className="font-normal text-slate-600">{expanded ? "" : "· sentences with checkable features, found by rules"}</span>
        </button>
      </h2>
      {expanded ? (
        <div id="suggestions-body" className="border-t border-slate-200 px-4 pb-4 pt-2">
          <style>{`::highlight(claim-suggestion){background-color:rgba(234,179,8,.08);text-decoration:underline dotted rgba(161,98,7,.55);text-decoration-thickness:2px}
::highlight(claim-suggestion-focus){background-color:rgba(234,179,8,.32);text-decoration:underline dotted #92400e}`}</style>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-xs text-slate-600">
              {total > suggestions.length ? `The ${suggestions.length} strongest of ${total}, in text order. ` : ""}
              In the list: ↑/↓ to move{canAccept ? ", a to accept as a claim, x to dismiss" : ", x to dismiss"}.
            </p>
            <label className="flex items-center gap-1 text-xs text-slate-600">
              <input type="checkbox" checked={marked} onChange={(e) => setMarked(e.target.checked)} /> Mark in the text (dotted underline)
            </label>
          </div>
          {message ? <Notice>{message}</Notice> : null}
          {/* A roving-focus list (↑/↓) whose items hold buttons: a listbox/option role would nest
              interactive controls (axe: nested-interactive), so the list keeps its own role and the
              item in focus is marked with aria-current. */}
          <ol
            ref={listRef}
            className="mt-2 max-h-72 space-y-1 overflow-y-auto"
            tabIndex={0}
            aria-label="Suggested claims"
            onKeyDown={(e) => {
              const s = open[focus];
              if (e.key === "ArrowDown") setFocus((i) => Math.min(open.length - 1, i + 1));
              else if (e.key === "ArrowUp") setFocus((i) => Math.max(0, i - 1));
              else if (s && canAccept && e.key === "a") void accept(s);
              else if (s && (e.key === "x" || e.key === "Delete")) dismiss(s);
              else return;
              e.preventDefault();
            }}
          >
            {open.map((s, i) => (
              <li
                key={key(s)}
                id={`suggestion-${key(s)}`}
                data-suggestion
                aria-current={i === focus ? "true" : undefined}
                onClick={() => setFocus(i)}
                className={`rounded-md border px-3 py-2 text-sm ${i === focus ? "border-amber-500 bg-amber-50" : "border-slate-200"}`}
              >
                <p className="line-clamp-2 font-serif text-slate-900">{s.quote}</p>
                <p className="mt-1 text-xs text-slate-600">
                  Score {Math.round(s.score * 100)} · {s.reasons.join("; ")}
                </p>
                <div className="mt-1 flex gap-2">
                  {canAccept ? (
                    <Button type="button" className="!px-2 !py-0.5 text-xs" onClick={() => accept(s)}>
                      Accept as claim
                    </Button>
                  ) : null}
                  <Button type="button" variant="ghost" className="!px-2 !py-0.5 text-xs" onClick={() => dismiss(s)}>
                    Dismiss
                  </Button>
                </div>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
