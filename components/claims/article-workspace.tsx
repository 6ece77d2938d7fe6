"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { AnnotatedText, pointToOffset } from "@/components/claims/annotated-text";
import { ClaimEditor, type Unsaved } from "@/components/claims/claim-editor";
import { StatusBadge } from "@/components/claims/status-badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/field";
import { createClaimAction } from "@/lib/claims/actions";
import { compareClaimsInTextOrder, type ClaimDto } from "@/lib/claims/dto";
import { trimRange } from "@/lib/anchoring/text";
import type { StatusDto } from "@/lib/statuses/scale";
import type { Role } from "@/lib/permissions";

type Props = {
  article: { id: string; body: string };
  initialClaims: ClaimDto[];
  statuses: StatusDto[];
  viewer: { id: string; role: Role };
};

type Pending = { start: number; end: number; top: number; left: number };

const NAV_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown", "Tab", "Shift", "Control", "Alt", "Meta"]);

/** The annotation screen: the article with its claims, and the claim panel beside it. */
export function ArticleWorkspace({ article, initialClaims, statuses, viewer }: Props) {
  const [claims, setClaims] = useState<ClaimDto[]>(() => [...initialClaims].sort(compareClaimsInTextOrder));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [unsaved, setUnsaved] = useState<Map<string, Unsaved>>(() => new Map());
  const textRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const canCreate = viewer.role !== "viewer";

  const statusMap = useMemo(() => new Map(statuses.map((s) => [s.key, s])), [statuses]);
  const numbers = useMemo(() => new Map(claims.map((c) => [c.id, c.number])), [claims]);
  const selected = claims.find((c) => c.id === selectedId) ?? null;

  const choose = useCallback(
    (ids: string[]) => {
      setPending(null);
      // Clicking where claims overlap cycles through them, innermost first.
      setSelectedId((current) => {
        const at = current ? ids.indexOf(current) : -1;
        return ids[(at + 1) % ids.length] ?? null;
      });
    },
    [],
  );

  /** The current DOM selection as a trimmed body range (and where to float the button), or null. */
  const selectionRange = useCallback((): Pending | null => {
    const root = textRef.current;
    const wrap = wrapRef.current;
    const sel = window.getSelection();
    if (!root || !wrap || !sel || sel.rangeCount === 0 || sel.isCollapsed || !canCreate) return null;
    const range = sel.getRangeAt(0);
    const a = pointToOffset(root, range.startContainer, range.startOffset);
    const b = pointToOffset(root, range.endContainer, range.endOffset);
    if (a === null || b === null) return null;
    const { start, end } = trimRange(article.body, Math.min(a, b), Math.max(a, b));
    if (end <= start) return null;
    const rect = range.getBoundingClientRect();
    const box = wrap.getBoundingClientRect();
    return { start, end, top: rect.bottom - box.top + 6, left: Math.max(0, Math.min(rect.left - box.left, box.width - 160)) };
  }, [article.body, canCreate]);

  const readSelection = useCallback(() => setPending(selectionRange()), [selectionRange]);

  useEffect(() => {
    const onChange = () => {
      const sel = window.getSelection();
      if (sel && !sel.isCollapsed && textRef.current?.contains(sel.anchorNode)) readSelection();
    };
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  }, [readSelection]);

  async function addClaim(range: Pending | null = pending) {
    if (!range || adding) return;
    setAdding(true);
    setError(null);
    const result = await createClaimAction({ articleId: article.id, start: range.start, end: range.end });
    setAdding(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setClaims((list) => [...list, result.data].sort(compareClaimsInTextOrder));
    setSelectedId(result.data.id);
    setPending(null);
    window.getSelection()?.removeAllRanges();
    requestAnimationFrame(() => document.getElementById("claim-status")?.focus());
  }

  const onSaved = useCallback((claim: ClaimDto) => {
    setClaims((list) => list.map((c) => (c.id === claim.id ? claim : c)));
  }, []);

  const onUnsavedChange = useCallback((claimId: string, value: Unsaved | null) => {
    setUnsaved((map) => {
      if (!value && !map.has(claimId)) return map;
      const next = new Map(map);
      if (value) next.set(claimId, value);
      else next.delete(claimId);
      return next;
    });
  }, []);

  // Leaving the page with unsaved verdicts or rationales asks first.
  useEffect(() => {
    if (unsaved.size === 0) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved.size]);

  // j / k move between claims when the focus is not in a form field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (t.closest("input, textarea, select, [contenteditable='true']") || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key !== "j" && e.key !== "k") return;
      e.preventDefault();
      setSelectedId((current) => {
        if (claims.length === 0) return null;
        const i = claims.findIndex((c) => c.id === current);
        const next = e.key === "j" ? (i + 1) % claims.length : (i <= 0 ? claims.length : i) - 1;
        return claims[next].id;
      });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [claims]);

  // Bring the chosen claim's highlight into view.
  useEffect(() => {
    if (!selectedId) return;
    textRef.current?.querySelector(`[data-claim-id="${selectedId}"]`)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [selectedId]);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_420px]">
      <div ref={wrapRef} className="relative">
        {error ? (
          <div className="mb-3">
            <Notice>{error}</Notice>
          </div>
        ) : null}
        {/* Editable for the caret, yet nothing can be typed: screen readers must hear read-only,
            which jsx-a11y does not expect on role=document (the role the selection code and the
            e2e tests rely on). */}
        {/* eslint-disable-next-line jsx-a11y/role-supports-aria-props */}
        <div
          ref={textRef}
          // Editable only so the keyboard can move a caret and select (Shift+arrows); every
          // change is refused, so the text cannot be altered here.
          contentEditable={canCreate}
          suppressContentEditableWarning
          spellCheck={false}
          role="document"
          aria-label="Article text. Select a passage and press Enter to add it as a claim."
          aria-readonly="true"
          tabIndex={0}
          onBeforeInput={(e) => e.preventDefault()}
          onPaste={(e) => e.preventDefault()}
          onCut={(e) => e.preventDefault()}
          onDrop={(e) => e.preventDefault()}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              // Read the selection now: a fast typist's Enter can beat the re-render after Shift+arrows.
              const range = selectionRange();
              e.preventDefault();
              if (range) addClaim(range);
              return;
            }
            if (e.key === "Escape") {
              window.getSelection()?.removeAllRanges();
              setPending(null);
              return;
            }
            const copyOrSelectAll = (e.ctrlKey || e.metaKey) && (e.key === "c" || e.key === "a");
            if (!NAV_KEYS.has(e.key) && !copyOrSelectAll) e.preventDefault();
          }}
          onMouseUp={() => setTimeout(readSelection, 0)}
          onKeyUp={readSelection}
          className="whitespace-pre-wrap rounded-lg border border-slate-200 bg-white px-8 py-6 font-serif text-[18px] leading-[1.75] text-slate-900 caret-blue-700 shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-700"
        >
          <AnnotatedText body={article.body} claims={claims} statuses={statusMap} selectedId={selectedId} numbers={numbers} onChoose={choose} />
        </div>
        {pending ? (
          <div className="absolute z-10 flex items-center gap-2 rounded-md border border-slate-300 bg-white p-1.5 shadow-lg" style={{ top: pending.top, left: pending.left }}>
            <Button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => addClaim()} disabled={adding}>
              {adding ? "Adding…" : "Add claim"}
            </Button>
            <span className="pr-1 text-xs text-slate-500">or press Enter</span>
          </div>
        ) : null}
      </div>

      <aside className="space-y-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto" aria-label="Claims">
        <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-labelledby="claims-title">
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
            <h2 id="claims-title" className="text-sm font-semibold">
              Claims ({claims.length})
            </h2>
            <span className="text-xs text-slate-500">j / k to move</span>
          </div>
          {claims.length === 0 ? (
            <p className="px-4 py-3 text-sm text-slate-600">
              {canCreate ? "Select a checkable statement in the text to add the first claim." : "No claims have been marked yet."}
            </p>
          ) : (
            <ol className="max-h-72 overflow-y-auto py-1">
              {claims.map((c) => {
                const status = statusMap.get(c.status);
                return (
                  <li key={c.id}>
                    <button
                      type="button"
                      onClick={() => setSelectedId(c.id)}
                      aria-current={c.id === selectedId ? "true" : undefined}
                      className={`flex w-full items-start gap-2 px-4 py-1.5 text-left text-sm hover:bg-slate-50 ${c.id === selectedId ? "bg-blue-50" : ""}`}
                    >
                      <span className="w-5 shrink-0 text-right text-xs text-slate-500">{numbers.get(c.id)}</span>
                      {status ? <StatusBadge status={status} size="xs" /> : null}
                      <span className="min-w-0 flex-1">
                        <span className="line-clamp-2 text-slate-800">{c.quote}</span>
                        {unsaved.has(c.id) ? <span className="mr-2 text-xs font-semibold text-blue-800">✎ Unsaved edits</span> : null}
                        {c.reviewState === "approved" ? (
                          <span className="text-xs font-medium text-green-800">✓ Approved</span>
                        ) : c.reviewState === "pending" ? (
                          <span className="text-xs text-amber-800">Awaiting review</span>
                        ) : c.reviewState === "rejected" ? (
                          <span className="text-xs text-red-800">Sent back</span>
                        ) : null}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
        </section>
        {selected ? (
          <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <ClaimEditor
              key={selected.id}
              claim={selected}
              number={numbers.get(selected.id) ?? 0}
              statuses={statuses}
              viewer={viewer}
              onSaved={onSaved}
              unsaved={unsaved.get(selected.id)}
              onUnsavedChange={onUnsavedChange}
            />
          </div>
        ) : claims.length > 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600">Choose a claim in the list or in the text to check it.</p>
        ) : null}
      </aside>
    </div>
  );
}
