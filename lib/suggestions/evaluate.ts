/** Precision and recall of suggestions against sentences labelled check-worthy. Pure. */
import { suggestClaims } from "@/lib/suggestions/score";

export type Labelled = { body: string; sentences: { start: number; end: number; label: boolean }[] };

export function evaluateSuggestions(sets: Labelled[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const set of sets) {
    const suggested = suggestClaims(set.body);
    for (const s of set.sentences) {
      const hit = suggested.some((g) => g.start < s.end && s.start < g.end);
      if (hit && s.label) tp++;
      else if (hit) fp++;
      else if (s.label) fn++;
      else tn++;
    }
  }
  return { tp, fp, fn, tn, precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn) };
}
