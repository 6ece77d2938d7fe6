"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/field";
import { createClaimAction } from "@/lib/claims/actions";
import { useInBrowser } from "@/components/claims/use-in-browser";
import type { Suggestion } from "@/lib/suggestions/score";

type HighlightRegistry = { set: (name: string, h: unknown) => void; delete: (name: string) => void };
type HighlightCtor = new (...ranges: Range[]) => unknown;

/** A DOM range over body offsets inside the annotated text (runs carry data-start/data-end). */
function rangeFor(root: HTMLElement, start: number, end: number): Range | null {
  const runs = Array.from(root.querySelectorAll<HTMLElement>("[data-start][data-end]"));
  const point = (offset: number, preferEnd: boolean): [Node, number] | null => {
    for (const run of runs) {
      const s = Number(run.dataset.start);
      const e = Number(run.dataset.end);
      if (offset > s && offset < e || (!preferEnd && offset === s) || (preferEnd && offset === e)) {
        const text = run.firstChild;
        if (!text) return null;
        return [text, offset - s];
      }
    }
    return null;
  };
  const a = point(start, false);
  const b = point(end, true);
  if (!a || !b) return null;
  const range = document.createRange();
  range.setStart(a[0], a[1]);
  range.setEnd(b[0], b[1]);
  return range;
}

const STORAGE = (articleId: string) => `claimcheck:dismissed-suggestions:${articleId}`;

/**
 * Suggested claims: faint dotted marks over the article text (CSS highlights, so the text's own
 * markup is untouched) and a list where a checker accepts one as a claim with "a" or dismisses it
 * with "x". Each shows its reasons in words.
 */
export function SuggestionMarks({ articleId, revision, suggestions, canAccept }: { articleId: string; revision: number; suggestions: Suggestion[]; canAccept: boolean }) {
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());
  const [shown, setShown] = useState(true);
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

  // The article text appears after hydration (ArticleWorkspace): draw the marks once it is there.
  const textShown = useInBrowser();
  const open = useMemo(() => suggestions.filter((s) => !dismissed.has(key(s))), [suggestions, dismissed]);

  useEffect(() => {
    const registry = (globalThis.CSS as unknown as { highlights?: HighlightRegistry })?.highlights;
    const Highlight = (globalThis as unknown as { Highlight?: HighlightCtor }).Highlight;
    const root = document.querySelector<HTMLElement>('[role="document"]');
    if (!registry || !Highlight || !root || !textShown) return;
    const draw = () => {
      if (!shown) {
        registry.delete("claim-suggestion");
        registry.delete("claim-suggestion-focus");
        return;
      }
      const ranges = open.map((s) => rangeFor(root, s.start, s.end)).filter((r): r is Range => r !== null);
      registry.set("claim-suggestion", new Highlight(...ranges));
      const f = open[focus] ? rangeFor(root, open[focus].start, open[focus].end) : null;
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
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="suggestions-title">
      <style>{`::highlight(claim-suggestion){background-color:rgba(234,179,8,.08);text-decoration:underline dotted rgba(161,98,7,.55);text-decoration-thickness:2px}
::highlight(claim-suggestion-focus){background-color:rgba(234,179,8,.32);text-decoration:underline dotted #92400e}`}</style>
      <div className="flex items-center justify-between gap-2">
        <h2 id="suggestions-title" className="text-sm font-semibold">
          Suggested claims ({open.length})
        </h2>
        <label className="flex items-center gap-1 text-xs text-slate-600">
          <input type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} /> Mark in the text (dotted underline)
        </label>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        Sentences with checkable features, found by rules. In the list: ↑/↓ to move{canAccept ? ", a to accept as a claim, x to dismiss" : ""}.
      </p>
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
    </section>
  );
}
