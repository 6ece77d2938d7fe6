/** Word-level differences between two revisions' texts, for the revisions page. Pure. */
import { diffWords } from "diff";

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((p) => ({ kind: p.added ? "added" : p.removed ? "removed" : "same", text: p.value }));
}
