"use client";
import { memo, useLayoutEffect, useRef, type Ref } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { StatusBadge } from "@/components/claims/status-badge";
import { ReviewStateBadge } from "@/components/claims/review-state-badge";
import type { StatusDto } from "@/lib/statuses/scale";

/**
 * The claim form's parts, each memoised: a keystroke changes one field's value, so only that
 * field renders again (the heading, the status and the other fields keep their props).
 */

import type { DraftTextName } from "@/components/claims/use-claim-draft";
export type { DraftTextName };

/**
 * Each text box has a fixed size and is a layout and paint boundary (`contain: strict`): a
 * keystroke lays out and repaints the box alone, never the panel or the page around it. The
 * heights are what the boxes had before (one line; five rows of 20 px) with padding and border;
 * longer text scrolls inside the box, and the rationale can still be made taller by dragging.
 * Each is also its own compositor layer (`will-change: transform`), so a keystroke's frame
 * re-records that layer only instead of re-layering the whole page (about half the frame's
 * layering time in the typing bench's traces).
 */
const LINE_BOX = "h-[2.125rem] [contain:strict] will-change-transform";
const RATIONALE_BOX = "h-[7.125rem] [contain:strict] will-change-transform";

export const ClaimHeading = memo(function ClaimHeading({
  number,
  status,
  reviewState,
  quote,
}: {
  number: number;
  status: StatusDto;
  reviewState: string;
  quote: string | null;
}) {
  return (
    <div>
      <h2 id="claim-editor-title" className="flex items-center gap-2 text-base font-semibold">
        Claim {number} <StatusBadge status={status} />
        {reviewState !== "none" ? <ReviewStateBadge state={reviewState} /> : null}
      </h2>
      <blockquote className="mt-2 border-l-4 border-slate-300 pl-3 font-serif text-[15px] leading-relaxed text-slate-800">{quote}</blockquote>
    </div>
  );
});

export const StatusField = memo(function StatusField({
  value,
  statuses,
  disabled,
  onValue,
  selectRef,
}: {
  value: string;
  statuses: StatusDto[];
  disabled: boolean;
  onValue: (value: string) => void;
  selectRef: Ref<HTMLSelectElement>;
}) {
  return (
    <Field label="Status">
      <Select ref={selectRef} name="status" value={value} disabled={disabled} onChange={(e) => onValue(e.target.value)} id="claim-status">
        {statuses.map((s) => (
          <option key={s.key} value={s.key}>
            {s.label}
          </option>
        ))}
      </Select>
    </Field>
  );
});

/**
 * A text box that keeps what is typed itself (uncontrolled): a keystroke calls `onValue` and
 * renders nothing (use-claim-draft.ts). `value` is what the form last set (on mount, after a save,
 * a merge or a choice); whenever the form sets it again (`revision` moves), the box shows it.
 */
export const DraftTextField = memo(function DraftTextField({
  name,
  label,
  hint,
  value,
  revision,
  disabled,
  onValue,
}: {
  name: DraftTextName;
  label: string;
  hint?: string;
  value: string;
  revision: number;
  disabled: boolean;
  onValue: (name: DraftTextName, value: string) => void;
}) {
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  useLayoutEffect(() => {
    const box = ref.current;
    if (box && box.value !== value) box.value = value;
  }, [value, revision]);
  return (
    <Field label={label} hint={hint}>
      {name === "rationale" ? (
        <Textarea ref={ref} name={name} rows={5} defaultValue={value} disabled={disabled} onChange={(e) => onValue(name, e.target.value)} className={RATIONALE_BOX} />
      ) : (
        <Input ref={ref} name={name} defaultValue={value} disabled={disabled} onChange={(e) => onValue(name, e.target.value)} className={LINE_BOX} />
      )}
    </Field>
  );
});

export const SaveRow = memo(function SaveRow({ saving, dirty, blocked }: { saving: boolean; dirty: boolean; blocked: boolean }) {
  return (
    <div className="flex items-center gap-3">
      <Button type="submit" disabled={saving || !dirty || blocked}>
        {saving ? "Saving…" : "Save"}
      </Button>
      <span className="text-xs text-slate-500">{dirty ? "Unsaved changes · Ctrl+Enter saves" : "All changes saved"}</span>
    </div>
  );
});
