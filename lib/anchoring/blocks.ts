/**
 * The article text drawn in blocks, so a browser lays out only the blocks on screen (each block
 * is `content-visibility: auto`). The body is cut after runs of line breaks, each block keeping the
 * breaks that end it, so the blocks cover the body exactly and in order: every character keeps
 * its offset, and text drawn with `white-space: pre-wrap` looks the same as one long text. Runs of
 * text (segments, see segments.ts) are cut at block edges. Pure.
 */
import type { Segment } from "@/lib/anchoring/segments";

export type BlockRange = { start: number; end: number };
export type TextBlock = BlockRange & { runs: Segment[] };

/** A block is not ended at a line break before it holds this many characters: paragraphs and short
 * lines are grouped, so a long article has a few thousand blocks, not tens of thousands. */
export const MIN_BLOCK_LENGTH = 1000;

/**
 * Where the body is cut: after each run of line breaks, once the block holds at least
 * `minLength` characters. The ranges cover [0, body.length) without gaps; an empty body has none.
 */
export function blockRanges(body: string, minLength = MIN_BLOCK_LENGTH): BlockRange[] {
  const ranges: BlockRange[] = [];
  let start = 0;
  const breaks = /\n+/g;
  for (let m = breaks.exec(body); m; m = breaks.exec(body)) {
    const end = m.index + m[0].length;
    if (end - start < minLength || end === body.length) continue;
    ranges.push({ start, end });
    start = end;
  }
  if (start < body.length) ranges.push({ start, end: body.length });
  return ranges;
}

/**
 * The runs of each block: `segments` (covering the body in order) cut at the block edges, so a
 * claim that spans a paragraph break has one run in each block, both with its claim ids.
 */
export function placeInBlocks(blocks: BlockRange[], segments: Segment[]): TextBlock[] {
  const out: TextBlock[] = [];
  let i = 0;
  for (const block of blocks) {
    const runs: Segment[] = [];
    // Skip segments that end before this block (none do when both cover the body).
    while (i < segments.length && segments[i].end <= block.start) i++;
    for (let j = i; j < segments.length && segments[j].start < block.end; j++) {
      const s = segments[j];
      const start = Math.max(s.start, block.start);
      const end = Math.min(s.end, block.end);
      if (end > start) runs.push(start === s.start && end === s.end ? s : { start, end, claimIds: s.claimIds });
    }
    // The next block starts with the segment that crosses this block's end, if any.
    while (i < segments.length && segments[i].end <= block.end) i++;
    out.push({ ...block, runs });
  }
  return out;
}

/** Whether a UTF-16 code unit is of a wide (CJK, Hangul, full-width) character. */
function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0x303e) ||
    (c >= 0x3041 && c <= 0x33ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xa960 && c <= 0xa97f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  );
}

/**
 * A block's size before it is drawn, for `contain-intrinsic-size`: its width in narrow characters
 * (a CJK character counts as two) and its line breaks. The page turns these into a height with
 * the measured characters per line; once drawn, the browser remembers the real height. One pass
 * over the character codes (no slice, no regular expression: a 2 MB text has ~1,400 blocks).
 */
export function blockWeight(body: string, start: number, end: number): { chars: number; breaks: number } {
  let breaks = 0;
  let wide = 0;
  for (let k = start; k < end; k++) {
    const c = body.charCodeAt(k);
    if (c === 10) breaks++;
    else if (c >= 0x1100 && isWide(c)) wide++;
  }
  return { chars: end - start - breaks + wide, breaks };
}
