"use client";
import { memo, useLayoutEffect, useMemo, useRef } from "react";
import { segmentText } from "@/lib/anchoring/segments";
import { blockRanges, blockWeight, placeInBlocks } from "@/lib/anchoring/blocks";
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

/** One block of the text (a paragraph or a few lines with the breaks that end them), laid out by
 * the browser only when near the screen. `sig` sums up everything drawn in it: a keystroke or a
 * saved claim re-renders only the blocks whose runs or labels changed. */
const Block = memo(
  function Block({ start, end, chars, lines, children }: { start: number; end: number; chars: number; lines: number; sig: string; children: React.ReactNode }) {
    // The estimated height (app/globals.css .text-block): chars / characters-per-line + lines.
    return (
      <div data-block="" data-start={start} data-end={end} className="text-block" style={{ "--w": chars, "--n": lines } as React.CSSProperties}>
        {children}
      </div>
    );
  },
  (a, b) => a.sig === b.sig && a.start === b.start && a.end === b.end,
);

/** Blocks per section: a text of more blocks than this is drawn in sections of this many. */
const SECTION_BLOCKS = 16;

/** A run of blocks, skipped as a whole by the browser while off screen; `sig` sums up its blocks'. */
const Section = memo(
  function Section({ chars, lines, children }: { chars: number; lines: number; sig: string; children: React.ReactNode }) {
    return (
      <div data-section="" className="text-section" style={{ "--w": chars, "--n": lines } as React.CSSProperties}>
        {children}
      </div>
    );
  },
  (a, b) => a.sig === b.sig,
);

type PlainBlock = { start: number; end: number; chars: number; lines: number };

/**
 * A section whose blocks hold no claim: the same elements as a Section of Blocks of PlainRuns
 * (the blocks with their data-start/data-end and estimated height, one run of text each), made
 * with the DOM directly when the section mounts, not through React: most of a long article holds
 * no claim, and React's render of ~1,400 blocks cost ~100 ms of the open. React owns the section
 * element, never its children (it renders none); a claim added in it draws the section through
 * React instead (another key), which replaces the element and its children.
 */
const PlainSection = memo(
  function PlainSection({ body, blocks, chars, lines }: { body: string; blocks: PlainBlock[]; chars: number; lines: number; sig: string }) {
    const ref = useRef<HTMLDivElement>(null);
    // Before the browser paints: the text is in place in the same frame as the rest.
    useLayoutEffect(() => {
      const section = ref.current;
      if (!section) return;
      const made: HTMLElement[] = [];
      for (const b of blocks) {
        const block = document.createElement("div");
        block.dataset.block = "";
        block.dataset.start = String(b.start);
        block.dataset.end = String(b.end);
        block.className = "text-block";
        block.style.setProperty("--w", String(b.chars));
        block.style.setProperty("--n", String(b.lines));
        const run = document.createElement("span");
        run.dataset.start = String(b.start);
        run.dataset.end = String(b.end);
        run.textContent = body.slice(b.start, b.end);
        block.append(run);
        made.push(block);
      }
      section.replaceChildren(...made);
    }, [body, blocks]);
    return <div ref={ref} data-section="" className="text-section" style={{ "--w": chars, "--n": lines } as React.CSSProperties} />;
  },
  (a, b) => a.sig === b.sig && a.body === b.body,
);

/**
 * The article text with every claim highlighted in its status colour, underlined, and followed
 * by a numbered status label, so overlapping and adjacent claims each stay visible and reachable.
 * The text is drawn in blocks (lib/anchoring/blocks.ts); each block and each run of text in it
 * carries data-start/data-end, so a DOM selection maps to body offsets (pointToOffset).
 */
export const AnnotatedText = memo(function AnnotatedText({ body, claims: allClaims, statuses, selectedId, numbers, onChoose }: Props) {
  // Orphaned and retired claims have no place in this text; they are listed apart (UnanchoredClaims).
  const claims = useMemo(() => allClaims.filter((c): c is PlacedClaim => c.start !== null && c.end !== null), [allClaims]);
  const ranges = useMemo(() => blockRanges(body), [body]);
  const weights = useMemo(() => ranges.map((r) => blockWeight(body, r.start, r.end)), [body, ranges]);
  const blocks = useMemo(() => placeInBlocks(ranges, segmentText(body.length, claims)), [ranges, body.length, claims]);
  const byId = useMemo(() => new Map(claims.map((c) => [c.id, c])), [claims]);
  const endings = useMemo(() => {
    const map = new Map<number, PlacedClaim[]>();
    for (const c of claims) map.set(c.end, [...(map.get(c.end) ?? []), c]);
    return map;
  }, [claims]);

  // A block that holds no claim (one run of plain text, no label): drawn without React when its
  // whole section is (PlainSection).
  const plain = (block: (typeof blocks)[number]) => block.runs.length === 1 && block.runs[0].claimIds.length === 0 && !endings.has(block.runs[0].end);
  const lines = (b: number) => (weights[b].breaks === 0 ? 0.5 : weights[b].breaks - 0.5);
  const drawBlock = (block: (typeof blocks)[number], b: number) => {
        const out: React.ReactNode[] = [];
        let sig = "";
        for (const seg of block.runs) {
          const text = body.slice(seg.start, seg.end);
          if (seg.claimIds.length === 0) {
            out.push(<PlainRun key={`t${seg.start}`} start={seg.start} end={seg.end} text={text} />);
            sig += `${seg.start}-${seg.end};`;
          } else {
            const ids = seg.claimIds.join(" ");
            const color = (statuses.get(byId.get(seg.claimIds[0])!.status) ?? fallback).color;
            const selected = selectedId !== null && seg.claimIds.includes(selectedId);
            out.push(<ClaimRun key={`t${seg.start}`} start={seg.start} end={seg.end} text={text} ids={ids} color={color} selected={selected} onChoose={onChoose} />);
            sig += `${seg.start}-${seg.end}:${ids}:${color}:${selected};`;
          }
          for (const claim of endings.get(seg.end) ?? []) {
            const status = statuses.get(claim.status) ?? fallback;
            const number = numbers.get(claim.id);
            const selectedLabel = selectedId === claim.id;
            out.push(<ClaimLabel key={`b${claim.id}`} claimId={claim.id} at={claim.end} number={number} status={status} selected={selectedLabel} onChoose={onChoose} />);
            sig += `[${claim.id}:${number}:${status.key}:${status.label}:${status.color}:${selectedLabel}]`;
          }
        }
        const w = weights[b];
        return {
          sig: `${block.start}-${block.end}{${sig}}`,
          chars: w.chars,
          lines: lines(b),
          element: (
            <Block key={`k${block.start}`} start={block.start} end={block.end} chars={w.chars} lines={lines(b)} sig={sig}>
              {out}
            </Block>
          ),
        };
      };
  if (blocks.length <= SECTION_BLOCKS) return <>{blocks.map((block, b) => drawBlock(block, b).element)}</>;
  const sections: React.ReactNode[] = [];
  for (let i = 0; i < blocks.length; i += SECTION_BLOCKS) {
    const group = blocks.slice(i, i + SECTION_BLOCKS);
    const start = group[0].start;
    const end = group[group.length - 1].end;
    let chars = 0;
    let height = 0;
    for (let b = i; b < i + group.length; b++) {
      chars += weights[b].chars;
      height += lines(b);
    }
    if (group.every(plain)) {
      const list = group.map((block, k) => ({ start: block.start, end: block.end, chars: weights[i + k].chars, lines: lines(i + k) }));
      sections.push(<PlainSection key={`p${start}-${end}`} body={body} blocks={list} chars={chars} lines={height} sig={`${start}-${end}`} />);
      continue;
    }
    const drawn = group.map((block, k) => drawBlock(block, i + k));
    sections.push(
      <Section key={`s${start}`} chars={chars} lines={height} sig={drawn.map((d) => d.sig).join("")}>
        {drawn.map((d) => d.element)}
      </Section>,
    );
  }
  return <>{sections}</>;
});

/** The elements holding text runs (not the blocks around them), in text order. */
export const RUN_SELECTOR = "[data-start]:not([data-block])";

/** Maps a DOM point inside the annotated text to a body offset, or null. */
export function pointToOffset(root: HTMLElement, node: Node, offset: number): number | null {
  if (!root.contains(node)) return null;
  if (node.nodeType === Node.TEXT_NODE) {
    const parent = node.parentElement;
    const badge = parent?.closest<HTMLElement>("[data-badge]");
    if (badge) return Number(badge.dataset.at);
    const run = parent?.closest<HTMLElement>("[data-start]");
    return run ? Number(run.dataset.start) + offset : null;
  }
  const el = node as HTMLElement;
  const badge = el.closest?.<HTMLElement>("[data-badge]");
  if (badge && root.contains(badge)) return Number(badge.dataset.at);
  const isRun = el.dataset?.start !== undefined && el.dataset.block === undefined;
  if (isRun) return offset === 0 ? Number(el.dataset.start) : Number(el.dataset.end);
  // A point between children of a block, a section or the text root: use the neighbouring run's,
  // label's or block's edge (a section's first or last block's).
  const inner = (n: HTMLElement | undefined, first: boolean) => (n?.dataset?.section !== undefined ? ((first ? n.firstElementChild : n.lastElementChild) as HTMLElement | null) ?? undefined : n);
  const after = inner(el.childNodes[offset] as HTMLElement | undefined, true);
  if (after?.dataset?.start !== undefined) return Number(after.dataset.start);
  if (after?.dataset?.at !== undefined) return Number(after.dataset.at);
  const before = inner(el.childNodes[offset - 1] as HTMLElement | undefined, false);
  if (before?.dataset?.end !== undefined) return Number(before.dataset.end);
  if (before?.dataset?.at !== undefined) return Number(before.dataset.at);
  if (el.dataset?.block !== undefined) return offset === 0 ? Number(el.dataset.start) : Number(el.dataset.end);
  return null;
}

/**
 * The DOM point (a text node and an offset in it) of a body offset, or null. At a boundary
 * between two runs, `preferEnd` picks the end of the run before it (for a range's end).
 */
export function offsetToPoint(root: HTMLElement, offset: number, preferEnd: boolean, runs: HTMLElement[] = Array.from(root.querySelectorAll<HTMLElement>(RUN_SELECTOR))): [Node, number] | null {
  // The last run starting before the offset (or at it, unless the end of the run before is wanted).
  let lo = 0;
  let hi = runs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = Number(runs[mid].dataset.start);
    if (s < offset || (!preferEnd && s === offset)) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const run = runs[found];
  if (!run || offset > Number(run.dataset.end)) return null;
  const text = run.firstChild;
  return text ? [text, offset - Number(run.dataset.start)] : null;
}

/** A DOM range over body offsets in the annotated text, or null. */
export function rangeForOffsets(root: HTMLElement, start: number, end: number, runs?: HTMLElement[]): Range | null {
  const list = runs ?? Array.from(root.querySelectorAll<HTMLElement>(RUN_SELECTOR));
  const a = offsetToPoint(root, start, false, list);
  const b = offsetToPoint(root, end, true, list);
  if (!a || !b) return null;
  const range = document.createRange();
  range.setStart(a[0], a[1]);
  range.setEnd(b[0], b[1]);
  return range;
}
