"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Notice } from "@/components/ui/field";
import { pointToOffset } from "@/components/claims/annotated-text";
import { settleAnchorAction } from "@/lib/anchoring/actions";
import type { ClaimDto } from "@/lib/claims/dto";

const LABEL: Record<string, string> = {
  moved: "Moved — confirm the new words",
  orphaned: "Not found in this revision",
  retired: "Retired",
};

/** Reads the reader's selection in the article text as body offsets, or null. */
function selectedOffsets(): { start: number; end: number } | null {
  const root = document.querySelector<HTMLElement>('[role="document"]');
  const sel = window.getSelection();
  if (!root || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const a = pointToOffset(root, range.startContainer, range.startOffset);
  const b = pointToOffset(root, range.endContainer, range.endOffset);
  if (a === null || b === null || a === b) return null;
  return { start: Math.min(a, b), end: Math.max(a, b) };
}

/**
 * Claims whose place in the current text is not settled: moved ones (confirm the new words) and
 * orphaned ones (re-attach to selected text, or retire with a note). Never hidden: retired claims
 * are listed too. `inArticle` says whether the article text is on the same page (for re-attach).
 */
export function AnchorPanel({ claims, revision, canAct, inArticle }: { claims: ClaimDto[]; revision: number; canAct: boolean; inArticle: boolean }) {
  const [items, setItems] = useState(claims);
  const [message, setMessage] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  async function act(claim: ClaimDto, action: "confirm" | "reattach" | "retire") {
    setMessage(null);
    let span: { start: number; end: number } | null = null;
    if (action === "reattach") {
      span = selectedOffsets();
      if (!span) return setMessage("Select the claim's new words in the article text first, then choose Re-attach.");
    }
    setBusy(claim.id);
    const result = await settleAnchorAction({ claimId: claim.id, input: { version: claim.version, revision, action, ...(span ?? {}), note: notes[claim.id] ?? "" } });
    setBusy(null);
    if (!result.ok) return setMessage(result.error.message);
    setItems((list) => list.map((c) => (c.id === claim.id ? result.data : c)));
    // The article's claim list and marks belong to the workspace; reload so they show the new anchor.
    if (inArticle) window.location.reload();
  }

  const open = items.filter((c) => c.anchor !== "exact");
  if (open.length === 0) return null;
  return (
    <section className="rounded-lg border border-amber-300 bg-amber-50 p-4" aria-labelledby="anchors-title">
      <h2 id="anchors-title" className="text-sm font-semibold text-amber-950">
        ⚑ Claims to check after a text change ({open.filter((c) => c.anchor !== "retired").length})
      </h2>
      {message ? (
        <div className="mt-2">
          <Notice>{message}</Notice>
        </div>
      ) : null}
      <ol className="mt-2 space-y-3">
        {open.map((c) => (
          <li key={c.id} className="rounded-md border border-amber-200 bg-white p-3 text-sm">
            <p className="font-medium text-slate-900">
              Claim {c.number} · <span className="text-amber-900">{LABEL[c.anchor] ?? c.anchor}</span>
              {c.anchor === "moved" ? <span className="ml-1 text-xs text-slate-600">(confidence {Math.round(c.anchorConfidence * 100)}%)</span> : null}
            </p>
            <p className="mt-1 text-slate-700">
              <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">Checked text</span>
              <br />
              <q className="font-serif">{c.checkedQuote}</q>
            </p>
            {c.anchor === "moved" && c.quote !== null ? (
              <p className="mt-1 text-slate-700">
                <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">Now reads</span>
                <br />
                <q className="font-serif">{c.quote}</q>
              </p>
            ) : null}
            {canAct && c.anchor !== "retired" ? (
              <div className="mt-2 flex flex-wrap items-center gap-2">
                {c.anchor === "moved" ? (
                  <Button type="button" onClick={() => act(c, "confirm")} disabled={busy === c.id}>
                    Confirm the move
                  </Button>
                ) : null}
                {inArticle ? (
                  <Button type="button" variant="secondary" onMouseDown={(e) => e.preventDefault()} onClick={() => act(c, "reattach")} disabled={busy === c.id}>
                    Re-attach to selected text
                  </Button>
                ) : (
                  <a href={`/articles/${c.articleId}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100">
                    Open the article to re-attach
                  </a>
                )}
                <label className="sr-only" htmlFor={`retire-${c.id}`}>
                  Why retire claim {c.number}
                </label>
                <Input
                  id={`retire-${c.id}`}
                  className="!mt-0 w-56"
                  placeholder="Why retire it (required)"
                  value={notes[c.id] ?? ""}
                  onChange={(e) => setNotes((n) => ({ ...n, [c.id]: e.target.value }))}
                />
                <Button type="button" variant="danger" onClick={() => act(c, "retire")} disabled={busy === c.id || !(notes[c.id] ?? "").trim()}>
                  Retire
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
