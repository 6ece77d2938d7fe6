"use client";
import { useCallback, useRef, useState } from "react";
import type { ClaimDto } from "@/lib/claims/dto";

export type Draft = { status: string; summary: string; claimant: string; rationale: string };
export type DraftTextName = "summary" | "claimant" | "rationale";

export function draftOf(c: ClaimDto): Draft {
  return { status: c.status, summary: c.summary, claimant: c.claimant, rationale: c.rationale };
}

/** Whether the form holds anything other than `base`'s values. */
export function isDirty(draft: Draft, base: ClaimDto): boolean {
  return draft.status !== base.status || draft.summary !== base.summary || draft.claimant !== base.claimant || draft.rationale !== base.rationale;
}

export type ClaimDraft = {
  /** The version of the claim the form's edits are made on. */
  base: ClaimDto;
  /** The values last given to the fields (typing after that is in `current()`, not here). */
  shown: Draft;
  /** Moves whenever `set` gives the fields their values again. */
  revision: number;
  dirty: boolean;
  /** The form's values now, typing included: for handlers and effects, not for rendering. */
  current: () => Draft;
  /** Sets the base and/or the form's values (a function gets the current values); renders. */
  set: (next: { base?: ClaimDto; draft?: Draft | ((current: Draft) => Draft) }) => void;
  /**
   * Typing in a text box: the box keeps its text itself, so nothing renders unless the form turns
   * dirty or clean. Returns the form's state after the keystroke.
   */
  type: (name: DraftTextName, value: string) => { base: ClaimDto; draft: Draft; dirty: boolean };
};

/**
 * The claim form's values and the version they were made on. A keystroke in a text box costs a
 * string and an object here, no render and no commit: the editor and its fields render only when
 * something else sets the form (a restore, the status, a save, a merge) or when it turns dirty or
 * clean (the save row and the workspace's unsaved marker change then). The latest values are
 * always in `current()`, so saving, merging and keeping unsaved edits read what was typed.
 */
export function useClaimDraft(initialBase: ClaimDto, initialDraft: Draft): ClaimDraft {
  const draftRef = useRef(initialDraft);
  const baseRef = useRef(initialBase);
  const [state, setState] = useState(() => ({ base: initialBase, shown: initialDraft, revision: 0, dirty: isDirty(initialDraft, initialBase) }));
  const dirtyRef = useRef(state.dirty);

  const current = useCallback(() => draftRef.current, []);

  const set = useCallback((next: { base?: ClaimDto; draft?: Draft | ((current: Draft) => Draft) }) => {
    const base = next.base ?? baseRef.current;
    const draft = typeof next.draft === "function" ? next.draft(draftRef.current) : (next.draft ?? draftRef.current);
    baseRef.current = base;
    draftRef.current = draft;
    dirtyRef.current = isDirty(draft, base);
    const dirty = dirtyRef.current;
    setState((s) => ({ base, shown: draft, revision: s.revision + 1, dirty }));
  }, []);

  const type = useCallback((name: DraftTextName, value: string) => {
    const before = draftRef.current;
    const draft = before[name] === value ? before : { ...before, [name]: value };
    draftRef.current = draft;
    const dirty = isDirty(draft, baseRef.current);
    if (dirty !== dirtyRef.current) {
      dirtyRef.current = dirty;
      setState((s) => ({ ...s, dirty }));
    }
    return { base: baseRef.current, draft, dirty };
  }, []);

  return { ...state, current, set, type };
}
