/**
 * Splits a body into runs of text covered by the same set of claims, so overlapping and
 * adjacent claims can all be drawn and clicked. Pure.
 */
export type Span = { id: string; start: number; end: number };
export type Segment = { start: number; end: number; claimIds: string[] };

/** Segments covering the whole body in order; `claimIds` innermost (shortest) claim first. */
export function segmentText(length: number, spans: Span[]): Segment[] {
  const valid = spans.filter((s) => s.start >= 0 && s.end <= length && s.end > s.start);
  const cuts = new Set<number>([0, length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const at = new Map(points.map((p, i) => [p, i]));
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) segments.push({ start: points[i], end: points[i + 1], claimIds: [] });
  // Each span lands in the segments between its two cuts, shortest span first.
  const byLength = [...valid].sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
  for (const s of byLength) {
    for (let i = at.get(s.start)!, last = at.get(s.end)!; i < last; i++) segments[i].claimIds.push(s.id);
  }
  return segments;
}
