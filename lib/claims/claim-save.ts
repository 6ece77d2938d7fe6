/**
 * The claim save (PATCH /api/v1/claims/:id, the claim editor's server action) as one set of rules
 * with two executors: the reads come in, this module decides (every check, the column update, the
 * audit row, who is notified, the event), and the executor writes. Pure: no I/O.
 *
 * - lib/claims/data.ts `updateClaim` runs it through Prisma inside `articleTransaction` (PostgreSQL,
 *   and a span correction on either database: it needs the article's text and a duplicate check).
 * - lib/claims/claim-save-sqlite.ts runs it on SQLite as one synchronous better-sqlite3 transaction
 *   on the app's own connection (lib/db-direct.ts), because Prisma's client costs far more than the
 *   SQLite work of a save (docs/perf-profile.md).
 */
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { diffFields } from "@/lib/audit/diff";
import type { AuditInput } from "@/lib/audit/data";
import type { ArticleEventInput } from "@/lib/events/record";
import type { ClaimDto } from "@/lib/claims/dto";
import type { UpdateClaimInput } from "@/lib/claims/schemas";
import { changersAfter, isStale, parseChangers, reviewStateAfter, staleMessage, storeChangers, type ClaimChange } from "@/lib/claims/review-rules";
import { claimDtoFromColumns, peopleOf, personRef, type ClaimColumns, type Person } from "@/lib/claims/claim-row";

/** A status as the save needs it. */
export type StatusFacts = { key: string; isVerdict: boolean };

/** The people a save reads: the four on the claim, the actor, a new assignee (repeats and nulls are the reader's to drop). */
export function peopleToRead(current: ClaimColumns, actor: Actor, input: UpdateClaimInput): (string | null | undefined)[] {
  return [...peopleOf(current), actor.id, input.assigneeId];
}

/** The statuses a save reads: the claim's, and the new one when it changes. */
export function statusKeysToRead(current: ClaimColumns, input: UpdateClaimInput): string[] {
  return input.status !== undefined && input.status !== current.statusKey ? [current.statusKey, input.status] : [current.statusKey];
}

/** A save that passed its checks, with what the plan needs. */
export type CheckedSave = {
  current: ClaimColumns;
  people: Map<string, Person>;
  /** Whether the claim's status after the save is a verdict. */
  statusIsVerdict: boolean;
  /** The offsets name a span other than the claim's exact one: the article's text must be read (a span correction). */
  spanCorrection: boolean;
  /** The claim as it is now (the 409's `current`, or the answer when nothing changes). */
  currentDto: () => ClaimDto;
};

/**
 * The checks of a save, in the order a caller meets them: the claim exists, the actor may change
 * claims, the change is based on the current version (409 with the current claim), the status is
 * on the scale, the assignee is an active user. Throws the API's errors.
 */
export function checkClaimSave(
  actor: Actor,
  input: UpdateClaimInput,
  current: ClaimColumns | null,
  people: Map<string, Person>,
  statuses: StatusFacts[],
): CheckedSave {
  if (!current) throw new NotFoundError("claim");
  if (!can(actor, "claim:update")) throw new ForbiddenError("Only checkers, editors and admins can change claims.");
  const currentDto = () => claimDtoFromColumns(current, people);
  if (isStale(input.version, current.version)) throw new ConflictError(staleMessage("change", current.version, input.version), currentDto());
  const verdict = (key: string) => statuses.find((s) => s.key === key)?.isVerdict;
  let statusIsVerdict = verdict(current.statusKey) ?? false;
  if (input.status !== undefined && input.status !== current.statusKey) {
    const isVerdict = verdict(input.status);
    if (isVerdict === undefined) throw new ValidationError(`Unknown status "${input.status}".`, { status: "Choose a status from the scale." });
    statusIsVerdict = isVerdict;
  }
  if (input.assigneeId) {
    const assignee = people.get(input.assigneeId);
    if (!assignee || assignee.disabled) throw new ValidationError("Unknown assignee.", { assigneeId: "Choose an active user." });
  }
  const spanCorrection =
    input.start !== undefined && input.end !== undefined && (input.start !== current.start || input.end !== current.end || current.anchor !== "exact");
  return { current, people, statusIsVerdict, spanCorrection, currentDto };
}

/** A corrected span with its selectors (lib/anchoring/text.ts quoteSelector), checked by the caller against the article. */
export type SpanCorrection = { start: number; end: number; quote: string; prefix: string; suffix: string };

/** The claim columns a save writes; `version` moves by one and `updatedAt` to now besides. */
export type ClaimUpdateColumns = {
  statusKey?: string;
  summary?: string;
  claimant?: string;
  claimType?: string;
  rationale?: string;
  assigneeId?: string | null;
  dueAt?: Date | null;
  start?: number;
  end?: number;
  quote?: string;
  prefix?: string;
  suffix?: string;
  checkedQuote?: string;
  anchor?: string;
  anchorConfidence?: number;
  reviewState: string;
  reviewChangers: string;
  statusSetById?: string;
};

export type ClaimSavePlan =
  | { changed: false; claim: ClaimDto }
  | {
      changed: true;
      /** Only the columns that are written (no undefined values). */
      columns: ClaimUpdateColumns;
      audit: AuditInput;
      /** Who is told the claim was assigned to them (never the actor, never a disabled user). */
      notify: string[];
    };

/**
 * What a checked save writes: the fields that differ (the audit's before/after), the review state
 * and changers after the change (lib/claims/review-rules.ts), and the notification of a new assignee.
 * A save that changes nothing writes nothing and answers the current claim.
 */
export function planClaimSave(actor: Actor, claimId: string, input: UpdateClaimInput, checked: CheckedSave, span?: SpanCorrection): ClaimSavePlan {
  const { current, people } = checked;
  const { before, after, changed } = diffFields(
    {
      status: current.statusKey,
      summary: current.summary,
      claimant: current.claimant,
      claimType: current.claimType,
      rationale: current.rationale,
      assigneeId: current.assigneeId,
      dueAt: current.dueAt?.toISOString() ?? null,
      start: current.start,
      end: current.end,
      quote: current.quote,
    },
    {
      status: input.status,
      summary: input.summary,
      claimant: input.claimant,
      claimType: input.claimType,
      rationale: input.rationale,
      assigneeId: input.assigneeId,
      dueAt: input.dueAt === undefined ? undefined : (input.dueAt?.toISOString() ?? null),
      start: span?.start,
      end: span?.end,
      quote: span?.quote,
    },
  );
  if (!changed) return { changed: false, claim: checked.currentDto() };
  const changes: ClaimChange[] = [];
  if ("status" in after) changes.push("status");
  if ("summary" in after) changes.push("summary");
  if ("claimant" in after) changes.push("claimant");
  if ("rationale" in after) changes.push("rationale");
  if ("claimType" in after) changes.push("claimType");
  if ("assigneeId" in after) changes.push("assignee");
  if ("dueAt" in after) changes.push("dueAt");
  if (span) changes.push("checkedText");
  const reviewState = reviewStateAfter(current.reviewState, changes, checked.statusIsVerdict);
  const changers = changersAfter(parseChangers(current.reviewChangers), actor.id, changes);
  const given: Omit<ClaimUpdateColumns, "reviewState" | "reviewChangers"> = {
    statusKey: input.status,
    summary: input.summary,
    claimant: input.claimant,
    claimType: input.claimType,
    rationale: input.rationale,
    assigneeId: input.assigneeId,
    dueAt: input.dueAt,
    ...(span ? { ...span, checkedQuote: span.quote, anchor: "exact", anchorConfidence: 1 } : {}),
    ...("status" in after ? { statusSetById: actor.id } : {}),
  };
  const columns = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as ClaimUpdateColumns;
  columns.reviewState = reviewState;
  columns.reviewChangers = storeChangers(changers);
  const assigned = typeof after.assigneeId === "string" ? after.assigneeId : null;
  const notify = assigned && assigned !== actor.id && people.get(assigned) && !people.get(assigned)!.disabled ? [assigned] : [];
  return {
    changed: true,
    columns,
    audit: { actorId: actor.id, action: span ? "claim.update.span" : "claim.update", objectType: "claim", objectId: claimId, before, after },
    notify,
  };
}

/** The 409 when the guarded UPDATE found another version (someone saved in between). */
export function savedMeanwhile(now: ClaimDto): ConflictError {
  return new ConflictError("This claim was changed by someone else. Review the current state and apply your change again.", now);
}

/** The saved claim and its `claim.updated` event, from the UPDATE's own row. */
export function savedClaim(actor: Actor, claimId: string, saved: ClaimColumns, people: Map<string, Person>): { claim: ClaimDto; event: ArticleEventInput } {
  const claim = claimDtoFromColumns(saved, people);
  return {
    claim,
    event: { articleId: claim.articleId, type: "claim.updated", actorId: actor.id, actor: personRef(people, actor.id), claimId, claim },
  };
}
