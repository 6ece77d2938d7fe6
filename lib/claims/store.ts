/**
 * The one client store of an article's claims, keyed by id and version, fed by server answers
 * and the event stream. Pure: a reducer, no I/O. A claim is replaced only by a newer version, so a
 * late answer or a replayed event never rolls the screen back; a deleted claim stays deleted.
 */
import { compareClaimsInTextOrder, type ClaimDto } from "@/lib/claims/dto";

export type Person = { id: string; name: string };

export type ClaimStore = {
  /** Claims in reading order. */
  claims: ClaimDto[];
  /** Ids deleted while this page was open: a late copy never brings one back. */
  deleted: ReadonlySet<string>;
  /** Who made each claim's latest change, when an event said so. */
  changedBy: ReadonlyMap<string, Person>;
  /** Bumped per claim by changes that do not move its version (comments), so its panel reloads them. */
  activity: ReadonlyMap<string, number>;
  /** The last article event applied. */
  seq: number;
};

export type StoreEvent = { seq: number; type: string; data: { claimId?: string; claim?: ClaimDto; actor?: Person | null } };

export type StoreAction =
  | { type: "claims"; claims: ClaimDto[]; by?: Person | null }
  | { type: "events"; events: StoreEvent[] }
  /** A claim this person deleted (the answer to their own request; the stream's tombstone may follow). */
  | { type: "deleted"; id: string };

/** A store holding `claims` as of event `seq`. */
export function createClaimStore(claims: ClaimDto[], seq: number): ClaimStore {
  return { claims: [...claims].sort(compareClaimsInTextOrder), deleted: new Set(), changedBy: new Map(), activity: new Map(), seq };
}

function upsert(list: ClaimDto[], claim: ClaimDto): ClaimDto[] | null {
  const i = list.findIndex((c) => c.id === claim.id);
  if (i >= 0 && list[i].version >= claim.version) return null;
  const next = i >= 0 ? list.map((c, j) => (j === i ? claim : c)) : [...list, claim];
  return next.sort(compareClaimsInTextOrder);
}

/** Applies server answers or stream events; returns the same object when nothing changed. */
export function reduceClaimStore(state: ClaimStore, action: StoreAction): ClaimStore {
  let { claims, deleted, changedBy, activity, seq } = state;
  let changed = false;
  const note = (claimId: string, by: Person | null | undefined) => {
    if (!by) return;
    const m = new Map(changedBy);
    m.set(claimId, by);
    changedBy = m;
  };
  if (action.type === "deleted") {
    if (deleted.has(action.id)) return state;
    return { claims: claims.filter((c) => c.id !== action.id), deleted: new Set(deleted).add(action.id), changedBy, activity, seq };
  }
  if (action.type === "claims") {
    for (const claim of action.claims) {
      if (deleted.has(claim.id)) continue;
      const next = upsert(claims, claim);
      if (next) {
        claims = next;
        note(claim.id, action.by);
        changed = true;
      }
    }
  } else {
    for (const e of action.events) {
      if (e.seq <= seq) continue;
      seq = e.seq;
      changed = true;
      const id = e.data.claimId;
      if (e.type === "claim.deleted" && id) {
        claims = claims.filter((c) => c.id !== id);
        deleted = new Set(deleted).add(id);
        continue;
      }
      if (id) {
        const a = new Map(activity);
        a.set(id, e.seq);
        activity = a;
      }
      if (e.data.claim && !deleted.has(e.data.claim.id)) {
        const next = upsert(claims, e.data.claim);
        if (next) {
          claims = next;
          note(e.data.claim.id, e.data.actor);
        }
      }
    }
  }
  return changed ? { claims, deleted, changedBy, activity, seq } : state;
}
