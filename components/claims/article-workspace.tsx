"use client";
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { AnnotatedText, pointToOffset } from "@/components/claims/annotated-text";
import { ClaimEditor, type Unsaved } from "@/components/claims/claim-editor";
import { ClaimActions } from "@/components/claims/claim-actions";
import { DuplicateClaimNotice } from "@/components/claims/duplicate-claim-notice";
import { ReviewStateBadge } from "@/components/claims/review-state-badge";
import { AssignmentControl } from "@/components/claims/assignment-control";
import { ClaimCounters } from "@/components/claims/claim-counters";
import { StatusBadge } from "@/components/claims/status-badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/field";
import { createClaimAction } from "@/lib/claims/actions";
import type { ClaimDto } from "@/lib/claims/dto";
import { createClaimStore, reduceClaimStore, type StoreEvent } from "@/lib/claims/store";
import { useArticleEvents } from "@/components/claims/use-article-events";
import { setArticleTextShown, useArticleText } from "@/components/claims/use-article-text";
import { ArticleTextStatus } from "@/components/claims/article-text-status";
import { PresenceList } from "@/components/claims/presence-list";
import { ShortcutHelp, isTypingTarget, useShortcutsEnabled } from "@/components/claims/shortcuts";
import { trimRange } from "@/lib/anchoring/text";
import type { StatusDto } from "@/lib/statuses/scale";
import { can, type Role } from "@/lib/permissions";

type Props = {
  /** The article and the revision the page rendered (its text is read apart: use-article-text.ts). */
  article: { id: string; revision: number };
  initialClaims: ClaimDto[];
  /** The article's change sequence when `initialClaims` were read: the event stream resumes after it. */
  changeSeq: number;
  statuses: StatusDto[];
  viewer: { id: string; role: Role };
  /** People claims can be assigned to. */
  people?: { id: string; name: string }[];
  /** The claim to open first (from the page's ?claim=). */
  initialSelectedId?: string | null;
};

type Pending = { start: number; end: number; top: number; left: number };

/** Ordinary prose, to measure the text's average character width. */
const SAMPLE_LINE = "The ministry said on Tuesday that exports rose by 12 percent in the first half of the year, the fastest pace since 2011.";

const NAV_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown", "Tab", "Shift", "Control", "Alt", "Meta"]);

/** The annotation screen: the article with its claims, and the claim panel beside it. */
export function ArticleWorkspace({ article, initialClaims, changeSeq, statuses, viewer, people = [], initialSelectedId = null }: Props) {
  // The one store of this article's claims (by id and version), fed by answers and the event stream.
  const [store, dispatch] = useReducer(reduceClaimStore, null, () => createClaimStore(initialClaims, changeSeq));
  const claims = store.claims;
  const router = useRouter();
  const onEvents = useCallback(
    (events: StoreEvent[]) => {
      dispatch({ type: "events", events });
      // A new revision of the text re-anchors every claim: read the page again.
      if (events.some((e) => e.type === "article.revised")) router.refresh();
    },
    [router],
  );
  const { people: present } = useArticleEvents(article.id, changeSeq, onEvents);
  // A fresh server render (refresh, back/forward) feeds the same store; older copies are ignored.
  useEffect(() => {
    dispatch({ type: "claims", claims: initialClaims });
  }, [initialClaims]);
  const [selectedId, setSelectedId] = useState<string | null>(initialSelectedId);
  const [focusStatusOf, setFocusStatusOf] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<{ existing: ClaimDto; range: Pending } | null>(null);
  const [adding, setAdding] = useState(false);
  // Unsaved edits per claim: the latest drafts are kept without re-rendering the workspace on every
  // keystroke (an editor reads its claim's entry when it mounts); the set of claims with edits is state.
  const [drafts] = useState(() => new Map<string, Unsaved>());
  const [unsaved, setUnsaved] = useState<ReadonlySet<string>>(() => new Set());
  // The article text is its own request (preloaded by the page), drawn in the browser only: the
  // page's HTML and RSC payload do not carry it.
  const text = useArticleText(article.id, article.revision, router.refresh);
  const body = text.body;
  const inBrowser = body !== null;
  // Marks for `npm run bench` (where an open's time goes): hydrated, then the text drawn.
  useEffect(() => {
    performance.mark("claimcheck:hydrated");
  }, []);
  useLayoutEffect(() => {
    if (inBrowser) performance.mark("claimcheck:text-drawn");
  }, [inBrowser]);
  useEffect(() => {
    setArticleTextShown(inBrowser);
    return () => setArticleTextShown(false);
  }, [inBrowser]);
  const textRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const canCreate = can(viewer, "claim:create");

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

  /** The current DOM selection in the text as body offsets (not trimmed), or null. */
  const selectionOffsets = useCallback((): { start: number; end: number } | null => {
    const root = textRef.current;
    const sel = window.getSelection();
    if (!root || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    const a = pointToOffset(root, range.startContainer, range.startOffset);
    const b = pointToOffset(root, range.endContainer, range.endOffset);
    return a === null || b === null ? null : { start: Math.min(a, b), end: Math.max(a, b) };
  }, []);

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
    if (body === null) return null;
    const { start, end } = trimRange(body, Math.min(a, b), Math.max(a, b));
    if (end <= start) return null;
    const rect = range.getBoundingClientRect();
    const box = wrap.getBoundingClientRect();
    return { start, end, top: rect.bottom - box.top + 6, left: Math.max(0, Math.min(rect.left - box.left, box.width - 160)) };
  }, [body, canCreate]);

  const readSelection = useCallback(() => setPending(selectionRange()), [selectionRange]);

  useEffect(() => {
    const onChange = () => {
      // Typing in a field (the claim form) moves its caret: no need to read the document's selection.
      const active = document.activeElement;
      if (active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement) return;
      const sel = window.getSelection();
      if (sel && !sel.isCollapsed && textRef.current?.contains(sel.anchorNode)) readSelection();
    };
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  }, [readSelection]);

  async function addClaim(range: Pending | null = pending, allowDuplicate = false) {
    if (!range || adding) return;
    setAdding(true);
    setError(null);
    setDuplicate(null);
    const result = await createClaimAction({ articleId: article.id, revision: article.revision, start: range.start, end: range.end, allowDuplicate });
    setAdding(false);
    if (!result.ok) {
      if (result.error.code === "duplicate_claim") setDuplicate({ existing: result.error.details?.existing as ClaimDto, range });
      else setError(result.error.message);
      return;
    }
    dispatch({ type: "claims", claims: [result.data] });
    setSelectedId(result.data.id);
    setPending(null);
    window.getSelection()?.removeAllRanges();
    // The new claim's editor puts the focus on its status when it mounts (a frame is not enough:
    // the panel may mount later than the next frame).
    setFocusStatusOf(result.data.id);
  }

  const onSaved = useCallback((claim: ClaimDto) => {
    dispatch({ type: "claims", claims: [claim] });
    // Edits kept for this claim were made on an older version: an editor that mounts again must
    // not restore them over what was just saved. (A still-open editor with edits left registers
    // them again from its own state.)
    const kept = drafts.get(claim.id);
    if (!kept || kept.base.version >= claim.version) return;
    drafts.delete(claim.id);
    setUnsaved((ids) => without(ids, claim.id));
  }, [drafts]);

  const onUnsavedChange = useCallback((claimId: string, value: Unsaved | null) => {
    const had = drafts.has(claimId);
    if (value) drafts.set(claimId, value);
    else drafts.delete(claimId);
    // Called on every keystroke in the editor: the workspace renders again only when a claim
    // gains or loses its unsaved edits (`drafts` and `unsaved` always change together).
    if (had === !!value) return;
    setUnsaved((ids) => (value ? (ids.has(claimId) ? ids : new Set(ids).add(claimId)) : without(ids, claimId)));
  }, [drafts]);

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


  // In-app links (the header, "← Articles") ask too: a client-side navigation fires no beforeunload.
  useEffect(() => {
    if (unsaved.size === 0) return;
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!link || link.target === "_blank" || link.hasAttribute("download")) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin || (url.pathname === window.location.pathname && url.search === window.location.search)) return;
      const n = unsaved.size;
      if (!window.confirm(`You have unsaved edits on ${n === 1 ? "a claim" : `${n} claims`}. Leave this page and lose them?`)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    document.addEventListener("click", onClick, true);
    return () => document.removeEventListener("click", onClick, true);
  }, [unsaved]);

  const shortcutsOn = useShortcutsEnabled();
  const [helpOpen, setHelpOpen] = useState(false);
  // Single-key shortcuts (j / k, 1–9, ?) never fire in a field and can be turned off in Settings.
  useEffect(() => {
    if (!shortcutsOn) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e) || (e.target as HTMLElement).closest?.("dialog")) return;
      if (e.key === "?") {
        e.preventDefault();
        setHelpOpen(true);
        return;
      }
      if (/^[1-9]$/.test(e.key) && selectedId && canCreate) {
        const status = statuses[Number(e.key) - 1];
        if (!status) return;
        e.preventDefault();
        window.dispatchEvent(new CustomEvent("claim-set-status", { detail: { claimId: selectedId, status: status.key } }));
        return;
      }
      if (e.key !== "j" && e.key !== "k") return;
      if (claims.length === 0) return;
      e.preventDefault();
      const i = claims.findIndex((c) => c.id === selectedId);
      const next = claims[e.key === "j" ? (i + 1) % claims.length : (i <= 0 ? claims.length : i) - 1].id;
      setSelectedId(next);
      // Focus follows: the claim moved to is where a screen reader and the next key press are.
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-claim-item="${next}"]`)?.focus());
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [claims, selectedId, shortcutsOn, statuses, canCreate]);

  // Bring the chosen claim's highlight into view. The text's blocks off screen are not laid out
  // yet (their heights are estimates), so a claim far away is reached with a jump, then checked
  // again once the blocks around it are drawn (a smooth scroll through estimated blocks lands off).
  useEffect(() => {
    if (!selectedId || !inBrowser) return;
    const find = () => textRef.current?.querySelector<HTMLElement>(`[data-claim-id="${selectedId}"]`) ?? null;
    const wide = window.matchMedia("(min-width: 1024px)").matches;
    // On a phone the panel is a bottom sheet: keep the claim in the upper part of the screen, above it.
    const placed = (top: number, bottom: number) => (wide ? top >= 0 && bottom <= window.innerHeight : top >= 60 && top <= window.innerHeight * 0.35);
    const bring = (mark: HTMLElement, behavior: ScrollBehavior) => {
      const box = mark.getBoundingClientRect();
      if (placed(box.top, box.bottom)) return true;
      if (wide) mark.scrollIntoView({ block: behavior === "smooth" ? "nearest" : "center", behavior });
      else window.scrollBy({ top: box.top - 70, behavior });
      return false;
    };
    const mark = find();
    if (!mark) return;
    const far = Math.abs(mark.getBoundingClientRect().top) > 2 * window.innerHeight;
    if (bring(mark, far ? "instant" : "smooth") || !far) return;
    let frame = 0;
    let tries = 0;
    const check = () => {
      const again = find();
      if (!again || bring(again, "instant") || ++tries > 4) return;
      frame = requestAnimationFrame(() => (frame = requestAnimationFrame(check)));
    };
    frame = requestAnimationFrame(() => (frame = requestAnimationFrame(check)));
    return () => cancelAnimationFrame(frame);
  }, [selectedId, inBrowser]);

  // Characters per line of the text column: the blocks not drawn yet estimate their height from it.
  // Measured on the box that holds the text or stands in for it while the text loads (same font
  // and padding), and set on the wrapper around it: the text then arrives with it in place, where
  // setting it on the drawn text would restyle every block once more.
  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    let width = 0;
    const measure = () => {
      const root = wrap.querySelector<HTMLElement>("[data-text-box]");
      if (!root) return;
      const style = getComputedStyle(root);
      const inner = root.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (inner === width) return;
      width = inner;
      const context = document.createElement("canvas").getContext("2d");
      if (!context) return;
      context.font = style.font;
      const perChar = context.measureText(SAMPLE_LINE).width / SAMPLE_LINE.length;
      // Lines break at spaces, so a line holds a little less than its width in characters.
      if (perChar > 0 && inner > 0) wrap.style.setProperty("--cpl", String(Math.max(8, Math.floor((0.94 * inner) / perChar))));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(wrap);
    return () => observer.disconnect();
  }, []);

  return (
    <>
    <ClaimCounters claims={claims} statuses={statuses} />
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_420px]">
      <div ref={wrapRef} className="relative">
        {error ? (
          <div className="mb-3">
            <Notice>{error}</Notice>
          </div>
        ) : null}
        {duplicate ? (
          <DuplicateClaimNotice
            existing={duplicate.existing}
            onOpen={() => {
              setSelectedId(duplicate.existing.id);
              setDuplicate(null);
              setPending(null);
            }}
            onAddAnyway={() => addClaim(duplicate.range, true)}
          />
        ) : null}
        {body !== null ? (
        <div
          ref={textRef}
          // Editable only so the keyboard can move a caret and select (Shift+arrows); every
          // change is refused, so the text cannot be altered here.
          contentEditable={canCreate}
          suppressContentEditableWarning
          spellCheck={false}
          role="document"
          data-text-box
          aria-label="Article text. Select a passage and press Enter to add it as a claim."
          tabIndex={0}
          onBeforeInput={(e) => e.preventDefault()}
          onCopy={(e) => {
            // Copy the article's own characters: the claim labels and the blocks' edges add none.
            const offsets = selectionOffsets();
            if (!offsets) return;
            e.preventDefault();
            e.clipboardData.setData("text/plain", body.slice(offsets.start, offsets.end));
          }}
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
          <AnnotatedText body={body} claims={claims} statuses={statusMap} selectedId={selectedId} numbers={numbers} onChoose={choose} />
        </div>
        ) : (
          <ArticleTextStatus state={text} />
        )}
        {pending ? (
          <div className="absolute z-10 flex items-center gap-2 rounded-md border border-slate-300 bg-white p-1.5 shadow-lg" style={{ top: pending.top, left: pending.left }}>
            <Button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => addClaim()} disabled={adding}>
              {adding ? "Adding…" : "Add claim"}
            </Button>
            <span className="pr-1 text-xs text-slate-500">or press Enter</span>
          </div>
        ) : null}
      </div>

      {/* The list and the claim panel are each isolated (their own stacking context, so the browser
          paints each apart): a keystroke in the panel's fields repaints the panel, not the list. */}
      <aside className="space-y-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto" aria-label="Claims">
        <section className="isolate rounded-lg border border-slate-200 bg-white shadow-sm" aria-labelledby="claims-title">
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
            <h2 id="claims-title" className="text-sm font-semibold">
              Claims ({claims.length})
            </h2>
            {shortcutsOn ? (
              <button type="button" className="text-xs text-slate-600 underline" onClick={() => setHelpOpen(true)}>
                j / k to move · ? for keys
              </button>
            ) : null}
          </div>
          <div className="border-b border-slate-200 px-4 py-1.5">
            <PresenceList people={present} viewerId={viewer.id} />
          </div>
          {claims.length === 0 ? (
            <p className="px-4 py-3 text-sm text-slate-600">
              {canCreate ? "Select a checkable statement in the text to add the first claim." : "No claims have been marked yet."}
            </p>
          ) : (
            <ol className="max-h-72 overflow-y-auto py-1">
              {claims.map((c) => (
                <ClaimListItem
                  key={c.id}
                  claim={c}
                  number={numbers.get(c.id)}
                  status={statusMap.get(c.status)}
                  selected={c.id === selectedId}
                  unsaved={unsaved.has(c.id)}
                  onSelect={setSelectedId}
                />
              ))}
            </ol>
          )}
        </section>
        {selected ? (
          <div
            className="isolate rounded-lg border border-slate-200 bg-white p-4 shadow-sm max-lg:fixed max-lg:inset-x-0 max-lg:bottom-0 max-lg:z-30 max-lg:max-h-[58vh] max-lg:overflow-y-auto max-lg:rounded-b-none max-lg:border-t-2 max-lg:border-slate-400 max-lg:shadow-2xl"
            data-testid="claim-panel"
          >
            <div className="sticky -top-4 z-10 -mx-4 -mt-4 mb-2 flex justify-end border-b border-slate-200 bg-white px-4 py-1 lg:hidden">
              <Button type="button" variant="ghost" onClick={() => setSelectedId(null)}>
                Close panel
              </Button>
            </div>
            <ClaimEditor
              // A corrected span mounts a fresh editor on the new version.
              key={`${selected.id}:${selected.start}-${selected.end}`}
              claim={selected}
              number={numbers.get(selected.id) ?? 0}
              statuses={statuses}
              viewer={viewer}
              onSaved={onSaved}
              unsaved={drafts.get(selected.id)}
              onUnsavedChange={onUnsavedChange}
              changedBy={store.changedBy.get(selected.id) ?? null}
              activity={store.activity.get(selected.id) ?? 0}
              focusStatus={focusStatusOf === selected.id}
            />
            <AssignmentControl key={`a:${selected.id}:${selected.version}`} claim={selected} viewer={viewer} people={people} onChanged={onSaved} />
            <ClaimActions
              claim={selected}
              viewer={viewer}
              revision={article.revision}
              selection={pending && body !== null ? { start: pending.start, end: pending.end, text: body.slice(pending.start, pending.end) } : null}
              onChanged={onSaved}
              onDeleted={(id) => {
                dispatch({ type: "deleted", id });
                setSelectedId(null);
              }}
              onOpen={setSelectedId}
            />
          </div>
        ) : claims.length > 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600">Choose a claim in the list or in the text to check it.</p>
        ) : null}
      </aside>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} statuses={statuses} />
    </div>
    </>
  );
}

function without(ids: ReadonlySet<string>, id: string): ReadonlySet<string> {
  if (!ids.has(id)) return ids;
  const next = new Set(ids);
  next.delete(id);
  return next;
}

/** One claim in the panel's list; memoised so a keystroke or a save re-renders only the item that changed. */
const ClaimListItem = memo(function ClaimListItem({
  claim: c,
  number,
  status,
  selected,
  unsaved,
  onSelect,
}: {
  claim: ClaimDto;
  number: number | undefined;
  status: StatusDto | undefined;
  selected: boolean;
  unsaved: boolean;
  onSelect: (id: string) => void;
}) {
  return (
    <li>
      <button
        type="button"
        onClick={() => onSelect(c.id)}
        data-claim-item={c.id}
        aria-current={selected ? "true" : undefined}
        className={`flex w-full items-start gap-2 px-4 py-1.5 text-left text-sm hover:bg-slate-50 ${selected ? "bg-blue-50" : ""}`}
      >
        <span className="w-5 shrink-0 text-right text-xs text-slate-500">{number}</span>
        {status ? <StatusBadge status={status} size="xs" /> : null}
        <span className="min-w-0 flex-1">
          <span className="line-clamp-2 text-slate-800">{c.quote ?? c.checkedQuote}</span>
          {c.anchor !== "exact" ? <span className="mr-2 text-xs font-semibold text-amber-900">⚑ {c.anchor === "moved" ? "Moved: confirm" : c.anchor === "retired" ? "Retired" : "Not found in this revision"}</span> : null}
          {unsaved ? <span className="mr-2 text-xs font-semibold text-blue-800">✎ Unsaved edits</span> : null}
          {c.reviewState !== "none" ? <ReviewStateBadge state={c.reviewState} /> : null}
        </span>
      </button>
    </li>
  );
});
