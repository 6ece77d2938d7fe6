/**
 * Per-field merge of a person's unsaved claim edits with someone else's saved change. Pure: no I/O,
 * used by the claim editor on a 409 and when the event stream brings a newer version of the claim
 * being edited.
 *
 * Three versions: `base` (what the person started editing from), `mine` (their draft), `theirs`
 * (the claim as it is now). Fields merge in groups: a group someone else changed and the person did
 * not is taken as theirs; a group only the person changed keeps the person's edit; a group both
 * changed to different values is a conflict the person resolves by choosing, and nothing is saved
 * while one is open. Status and rationale are one group: a rationale written for one verdict must
 * not be saved under another verdict without the person seeing both.
 */

export type MergeFields = { status: string; summary: string; claimant: string; rationale: string };
export type MergeField = keyof MergeFields;

/** The groups that merge as a whole. Every field of MergeFields is in exactly one. */
export const MERGE_GROUPS: readonly (readonly MergeField[])[] = [["status", "rationale"], ["summary"], ["claimant"]];

export const FIELD_LABELS: Record<MergeField, string> = {
  status: "Status",
  rationale: "Rationale",
  summary: "Claim, in a sentence",
  claimant: "Claimant",
};

export type MergeConflict = {
  /** The group's fields, in order. */
  fields: MergeField[];
  theirs: Partial<MergeFields>;
  mine: Partial<MergeFields>;
};

export type MergeResult = {
  /** The new base: the current claim's values. */
  base: MergeFields;
  /** What the form shows: theirs, with the person's non-conflicting edits on top (conflicting groups keep the person's values until chosen). */
  draft: MergeFields;
  /** Groups both changed differently, to be chosen one by one. */
  conflicts: MergeConflict[];
  /** Fields taken from theirs because only they changed them. */
  taken: MergeField[];
  /** Fields the person changed that will be sent (compared with the new base), conflicts excluded. */
  kept: MergeField[];
};

const ALL_FIELDS = MERGE_GROUPS.flat() as MergeField[];

/** The fields a person changed: those where `draft` differs from `base`. Only these are ever sent. */
export function touchedFields(base: MergeFields, draft: MergeFields): Partial<MergeFields> {
  const out: Partial<MergeFields> = {};
  for (const f of ALL_FIELDS) if (draft[f] !== base[f]) out[f] = draft[f];
  return out;
}

function pick(values: MergeFields, fields: readonly MergeField[]): Partial<MergeFields> {
  const out: Partial<MergeFields> = {};
  for (const f of fields) out[f] = values[f];
  return out;
}

/** Merges `mine` (edited from `base`) with `theirs` (the current claim), group by group. */
export function mergeDrafts(base: MergeFields, mine: MergeFields, theirs: MergeFields): MergeResult {
  const draft = { ...pick(theirs, ALL_FIELDS) } as MergeFields;
  const conflicts: MergeConflict[] = [];
  const taken: MergeField[] = [];
  const kept: MergeField[] = [];
  for (const group of MERGE_GROUPS) {
    const mineChanged = group.some((f) => mine[f] !== base[f]);
    const theirsChanged = group.some((f) => theirs[f] !== base[f]);
    if (!mineChanged) {
      if (theirsChanged) taken.push(...group.filter((f) => theirs[f] !== base[f]));
      continue;
    }
    if (!theirsChanged) {
      // Only mine: keep the fields I touched; the untouched ones stay theirs (= base).
      for (const f of group) {
        if (mine[f] === base[f]) continue;
        draft[f] = mine[f];
        kept.push(f);
      }
      continue;
    }
    // Both changed the group. The same outcome is no conflict.
    if (group.every((f) => mine[f] === theirs[f])) continue;
    for (const f of group) draft[f] = mine[f];
    conflicts.push({ fields: [...group], theirs: pick(theirs, group), mine: pick(mine, group) });
  }
  return { base: { ...pick(theirs, ALL_FIELDS) } as MergeFields, draft, conflicts, taken, kept };
}

/**
 * Settles one conflict: "theirs" puts their values in the draft (my edit of that group is
 * dropped), "mine" keeps mine, which then counts as my change against the new base.
 */
export function resolveConflict(result: MergeResult, index: number, choice: "theirs" | "mine"): MergeResult {
  const conflict = result.conflicts[index];
  if (!conflict) return result;
  const draft = { ...result.draft, ...(choice === "theirs" ? conflict.theirs : conflict.mine) };
  const kept = choice === "mine" ? [...result.kept, ...conflict.fields.filter((f) => draft[f] !== result.base[f])] : result.kept;
  return { ...result, draft, kept, conflicts: result.conflicts.filter((_, i) => i !== index) };
}

/** True when a merge needs no decision and changes nothing of mine: the edits can be re-sent as they are. */
export function isAutomatic(result: MergeResult): boolean {
  return result.conflicts.length === 0;
}
