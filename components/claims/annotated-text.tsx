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

type Choose = (claimIds: string[]) => void;

/** A run of text outside every claim. Memoised, as are the runs and labels below: a keystroke or
 * a saved claim re-renders only the runs whose claim changed, not the whole article. */
const PlainRun = memo(function PlainRun({ start, end, text }: { start: number; end: number; text: string }) {
  return (
    <span data-start={start} data-end={end}>
      {text}
    </span>
  );
});

const ClaimRun = memo(function ClaimRun({
  start,
  end,
  text,
  ids,
  color,
  selected,
  onChoose,
}: {
  start: number;
  end: number;
  text: string;
  /** The claims covering this run, innermost first, space-separated. */
  ids: string;
  color: string;
  selected: boolean;
  onChoose: Choose;
}) {
  const overlap = ids.includes(" ");
  return (
    <span
      data-start={start}
      data-end={end}
      data-claims={ids}
      data-selected={selected}
      className="claim-mark"
      style={{
        backgroundColor: tint(color, overlap ? 0.3 : 0.18),
        borderBottomColor: color,
        borderBottomStyle: overlap ? "double" : "solid",
        borderBottomWidth: overlap ? 4 : 3,
      }}
      onClick={() => {
        if (!window.getSelection()?.isCollapsed) return;
        onChoose(ids.split(" "));
      }}
    >
      {text}
    </span>
  );
});

const ClaimLabel = memo(function ClaimLabel({
  claimId,
  at,
  number,
  status,
  selected,
  onChoose,
}: {
  claimId: string;
  at: number;
  number: number | undefined;
  status: StatusDto;
  selected: boolean;
  onChoose: Choose;
}) {
  return (
    <button
      type="button"
      contentEditable={false}
      data-badge
      data-at={at}
      data-claim-id={claimId}
      aria-label={`Claim ${number}: ${status.label}`}
      aria-pressed={selected}
      onClick={() => onChoose([claimId])}
      className={`mx-0.5 inline-flex select-none items-center gap-1 rounded border bg-white px-1 align-[0.15em] font-sans text-[11px] font-semibold leading-4 text-slate-800 hover:bg-slate-100 ${selected ? "ring-2 ring-slate-900" : ""}`}
      style={{ borderColor: status.color }}
    >
      <span aria-hidden className="inline-block rounded-sm px-0.5 leading-4" style={{ backgroundColor: status.color, color: STATUS_TEXT_COLOR }}>
        {statusMark(status.key)}
      </span>
      {number} · {status.label}
    </button>
  );
});

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
      out.push(<PlainRun key={`t${seg.start}`} start={seg.start} end={seg.end} text={text} />);
    } else {
      const inner = byId.get(seg.claimIds[0])!;
      out.push(
        <ClaimRun
          key={`t${seg.start}`}
          start={seg.start}
          end={seg.end}
          text={text}
          ids={seg.claimIds.join(" ")}
          color={(statuses.get(inner.status) ?? fallback).color}
          selected={selectedId !== null && seg.claimIds.includes(selectedId)}
          onChoose={onChoose}
        />,
      );
    }
    for (const claim of endings.get(seg.end) ?? []) {
      out.push(
        <ClaimLabel
          key={`b${claim.id}`}
          claimId={claim.id}
          at={claim.end}
          number={numbers.get(claim.id)}
          status={statuses.get(claim.status) ?? fallback}
          selected={selectedId === claim.id}
          onChoose={onChoose}
        />,
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
