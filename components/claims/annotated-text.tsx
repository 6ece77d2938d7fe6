"use client";
import { memo, useMemo } from "react";
import { segmentText } from "@/lib/anchoring/segments";
import { statusMark, STATUS_TEXT_COLOR, tint, type StatusDto } from "@/lib/statuses/scale";
import type { ClaimDto } from "@/lib/claims/dto";

type Props = {
  body: string;
  claims: ClaimDto[];
  statuses: Map<string, StatusDto>;
  selectedId: string | null;
  numbers: Map<string, number>;
  onChoose: (claimIds: string[]) => void;
};

type PlacedClaim = ClaimDto & { start: number; end: number };

const fallback: StatusDto = { key: "?", label: "Unknown", color: "#6b7280", isVerdict: false };

/**
 * The article text with every claim highlighted in its status colour, underlined, and followed
 * by a numbered status label, so overlapping and adjacent claims each stay visible and reachable.
 * Each run of text sits in an element with data-start, so a DOM selection maps to body offsets.
 */
export const AnnotatedText = memo(function AnnotatedText({ body, claims: allClaims, statuses, selectedId, numbers, onChoose }: Props) {
  // Orphaned and retired claims have no place in this text; they are listed apart (UnanchoredClaims).
  const claims = useMemo(() => allClaims.filter((c): c is PlacedClaim => c.start !== null && c.end !== null), [allClaims]);
  const segments = useMemo(() => segmentText(body.length, claims), [body.length, claims]);
  const byId = useMemo(() => new Map(claims.map((c) => [c.id, c])), [claims]);
  const endings = useMemo(() => {
    const map = new Map<number, PlacedClaim[]>();
    for (const c of claims) map.set(c.end, [...(map.get(c.end) ?? []), c]);
    return map;
  }, [claims]);

  const out: React.ReactNode[] = [];
  for (const seg of segments) {
    const text = body.slice(seg.start, seg.end);
    if (seg.claimIds.length === 0) {
      out.push(
        <span key={`t${seg.start}`} data-start={seg.start} data-end={seg.end}>
          {text}
        </span>,
      );
    } else {
      const inner = byId.get(seg.claimIds[0])!;
      const status = statuses.get(inner.status) ?? fallback;
      const selected = selectedId !== null && seg.claimIds.includes(selectedId);
      out.push(
        <span
          key={`t${seg.start}`}
          data-start={seg.start}
          data-end={seg.end}
          data-claims={seg.claimIds.join(" ")}
          data-selected={selected}
          className="claim-mark"
          style={{
            backgroundColor: tint(status.color, seg.claimIds.length > 1 ? 0.3 : 0.18),
            borderBottomColor: status.color,
            borderBottomStyle: seg.claimIds.length > 1 ? "double" : "solid",
            borderBottomWidth: seg.claimIds.length > 1 ? 4 : 3,
          }}
          onClick={() => {
            if (!window.getSelection()?.isCollapsed) return;
            onChoose(seg.claimIds);
          }}
        >
          {text}
        </span>,
      );
    }
    for (const claim of endings.get(seg.end) ?? []) {
      const status = statuses.get(claim.status) ?? fallback;
      out.push(
        <button
          key={`b${claim.id}`}
          type="button"
          contentEditable={false}
          data-badge
          data-at={claim.end}
          data-claim-id={claim.id}
          aria-label={`Claim ${numbers.get(claim.id)}: ${status.label}`}
          aria-pressed={selectedId === claim.id}
          onClick={() => onChoose([claim.id])}
          className={`mx-0.5 inline-flex select-none items-center gap-1 rounded border bg-white px-1 align-[0.15em] font-sans text-[11px] font-semibold leading-4 text-slate-800 hover:bg-slate-100 ${selectedId === claim.id ? "ring-2 ring-slate-900" : ""}`}
          style={{ borderColor: status.color }}
        >
          <span aria-hidden className="inline-block rounded-sm px-0.5 leading-4" style={{ backgroundColor: status.color, color: STATUS_TEXT_COLOR }}>
            {statusMark(status.key)}
          </span>
          {numbers.get(claim.id)} · {status.label}
        </button>,
      );
    }
  }
  return <>{out}</>;
});

/** Maps a DOM point inside the annotated text to a body offset, or null. */
export function pointToOffset(root: HTMLElement, node: Node, offset: number): number | null {
  if (!root.contains(node)) return null;
  if (node.nodeType === Node.TEXT_NODE) {
    const parent = node.parentElement;
    const badge = parent?.closest<HTMLElement>("[data-badge]");
    if (badge) return Number(badge.dataset.at);
    const seg = parent?.closest<HTMLElement>("[data-start]");
    return seg ? Number(seg.dataset.start) + offset : null;
  }
  const el = node as HTMLElement;
  if (el.dataset?.badge !== undefined) return Number(el.dataset.at);
  if (el.dataset?.start !== undefined) return offset === 0 ? Number(el.dataset.start) : Number(el.dataset.end);
  // A point between children of the container: use the neighbouring run's edge.
  const after = el.childNodes[offset] as HTMLElement | undefined;
  if (after?.dataset?.start !== undefined) return Number(after.dataset.start);
  if (after?.dataset?.at !== undefined) return Number(after.dataset.at);
  const before = el.childNodes[offset - 1] as HTMLElement | undefined;
  if (before?.dataset?.end !== undefined) return Number(before.dataset.end);
  if (before?.dataset?.at !== undefined) return Number(before.dataset.at);
  return null;
}
