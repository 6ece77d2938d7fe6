import "server-only";
import { db } from "@/lib/db";
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { recordAudit, diffFields } from "@/lib/audit/data";
import { quoteSelector, rangeProblem } from "@/lib/anchoring/text";
import { recordArticleEvent } from "@/lib/events/record";
import { articleTransaction } from "@/lib/events/transaction";
import { notifyMentions, notifyUsers } from "@/lib/notifications/data";
import {
  claimSelect,
  evidenceSelect,
  toClaimDto,
  toEvidenceDto,
  type ClaimDetailDto,
  type ClaimDto,
  type CommentDto,
} from "@/lib/claims/dto";
import { MAX_CLAIM_SPAN, type BulkAssignInput, type CreateClaimInput, type ListClaimsQuery, type UpdateClaimInput } from "@/lib/claims/schemas";
import type { z } from "zod";
import type { reviewClaimSchema } from "@/lib/claims/schemas";
import {
  effectiveChangers,
  isStale,
  parseChangers,
  reviewRefusal,
  staleMessage,
  storeChangers,
} from "@/lib/claims/review-rules";
import { claimColumnsSelect, loadPeople } from "@/lib/claims/claim-row";
import { checkClaimSave, peopleToRead, planClaimSave, savedClaim, savedMeanwhile, statusKeysToRead, type SpanCorrection } from "@/lib/claims/claim-save";
import { saveClaimOnSqlite } from "@/lib/claims/claim-save-sqlite";
import { claimIdsPage } from "@/lib/claims/list";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Why a span cannot be a claim in `body` (range, length), or null. */
function spanProblem(body: string, start: number, end: number): string | null {
  const problem = rangeProblem(body, start, end);
  if (problem) return problem;
  if (end - start > MAX_CLAIM_SPAN) return `A claim may span at most ${MAX_CLAIM_SPAN.toLocaleString("en")} characters; this one spans ${(end - start).toLocaleString("en")}.`;
  return null;
}

/** A 409 naming the claim that already covers exactly this span. */
async function refuseDuplicate(tx: Prisma.TransactionClient, articleId: string, start: number, end: number, exceptId?: string) {
  const existing = await tx.claim.findFirst({
    where: { articleId, start, end, anchor: { notIn: ["orphaned", "retired"] }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: claimSelect,
    orderBy: { number: "asc" },
  });
  if (existing) {
    throw new AppError(409, "duplicate_claim", `Claim ${existing.number} already covers exactly this text. Open it, or add this one anyway.`, {
      existing: toClaimDto(existing),
    });
  }
}

/** A 409 when the article's text moved on since the offsets were taken. */
function refuseStaleRevision(current: number, basedOn: number, claim?: ClaimDto): void {
  if (current === basedOn) return;
  throw new ConflictError(
    `The article's text changed (now revision ${current}, your selection was made on revision ${basedOn}). Reload the article and select the text again.`,
    claim ?? { revision: current },
  );
}

/** Creates a claim on a text range of an article, storing its position and quote selectors. */
export async function createClaim(actor: Actor, articleId: string, input: CreateClaimInput): Promise<ClaimDto> {
  if (!can(actor, "claim:create")) throw new ForbiddenError("Only checkers, editors and admins can add claims.");
  return articleTransaction(async (tx) => {
    const article = await tx.article.findUnique({ where: { id: articleId }, select: { id: true, body: true, revision: true } });
    if (!article) throw new NotFoundError("article");
    refuseStaleRevision(article.revision, input.revision);
    const problem = spanProblem(article.body, input.start, input.end);
    if (problem) throw new ValidationError(problem, { start: problem, end: problem });
    if (!input.allowDuplicate) await refuseDuplicate(tx, articleId, input.start, input.end);
    const selector = quoteSelector(article.body, input.start, input.end);
    // The next number from the article's counter: numbers are never reused or renumbered.
    const counter = await tx.article.update({ where: { id: articleId }, data: { claimCounter: { increment: 1 } }, select: { claimCounter: true } });
    const row = await tx.claim.create({
      data: {
        articleId,
        number: counter.claimCounter,
        checkedQuote: selector.quote,
        start: input.start,
        end: input.end,
        ...selector,
        summary: input.summary,
        claimant: input.claimant,
        claimType: input.claimType,
        createdById: actor.id,
      },
      select: claimSelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "claim.create",
      objectType: "claim",
      objectId: row.id,
      after: { number: row.number, start: row.start, end: row.end, quote: row.quote, status: row.statusKey, revision: article.revision },
    });
    const dto = toClaimDto(row);
    await recordArticleEvent(tx, { articleId, type: "claim.created", actorId: actor.id, claimId: row.id, claim: dto });
    return dto;
  });
}

/** One claim with its evidence, comments and change history. */
export async function getClaimDetail(actor: Actor, claimId: string): Promise<ClaimDetailDto> {
  if (!can(actor, "article:read")) throw new NotFoundError("claim");
  const row = await db.claim.findUnique({
    where: { id: claimId },
    select: {
      ...claimSelect,
      evidence: { select: evidenceSelect, orderBy: { createdAt: "asc" } },
      comments: { select: { id: true, claimId: true, body: true, author: { select: { id: true, name: true } }, createdAt: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!row) throw new NotFoundError("claim");
  const events = await db.auditEvent.findMany({
    where: { objectType: "claim", objectId: claimId },
    orderBy: { createdAt: "asc" },
    select: { id: true, action: true, before: true, after: true, createdAt: true, actor: { select: { id: true, name: true } } },
  });
  return {
    ...toClaimDto(row),
    evidence: row.evidence.map(toEvidenceDto),
    comments: row.comments.map((c): CommentDto => ({ ...c, createdAt: c.createdAt.toISOString() })),
    history: events.map((e) => ({
      id: e.id,
      action: e.action,
      actor: e.actor,
      before: e.before ? JSON.parse(e.before) : null,
      after: e.after ? JSON.parse(e.after) : null,
      at: e.createdAt.toISOString(),
    })),
  };
}

/**
 * Changes a claim's status, text fields, assignment, due time or span. The caller says which
 * `version` its change is based on; if someone else saved in between, nothing is written and a
 * 409 carries the current claim. Reviewable changes send the claim back to review
 * (lib/claims/review-rules.ts); a span correction carries the article `revision` it was made on.
 */
export async function updateClaim(actor: Actor, claimId: string, input: UpdateClaimInput): Promise<ClaimDto> {
  // On SQLite, one synchronous transaction on the app's connection (lib/claims/claim-save-sqlite.ts);
  // a span correction, and PostgreSQL, take the ORM path below. Both run lib/claims/claim-save.ts.
  const direct = await saveClaimOnSqlite(actor, claimId, input);
  if (direct) return direct.claim;
  return articleTransaction(async (tx) => {
    // The claim's columns, its statuses and every person involved in one query each, and the saved
    // claim built from the UPDATE's own RETURNING row (lib/claims/claim-row.ts).
    const current = await tx.claim.findUnique({ where: { id: claimId }, select: claimColumnsSelect });
    if (!current) throw new NotFoundError("claim");
    if (!can(actor, "claim:update")) throw new ForbiddenError("Only checkers, editors and admins can change claims.");
    const people = await loadPeople(tx, peopleToRead(current, actor, input));
    const statuses = await tx.status.findMany({ where: { key: { in: statusKeysToRead(current, input) } }, select: { key: true, isVerdict: true } });
    const checked = checkClaimSave(actor, input, current, people, statuses);
    // A span correction: the offsets refer to `revision`, which must be the article's current one.
    let span: SpanCorrection | undefined;
    if (checked.spanCorrection) {
      const article = await tx.article.findUniqueOrThrow({ where: { id: current.articleId }, select: { body: true, revision: true } });
      refuseStaleRevision(article.revision, input.revision!, checked.currentDto());
      const problem = spanProblem(article.body, input.start!, input.end!);
      if (problem) throw new ValidationError(problem, { start: problem, end: problem });
      if (!input.allowDuplicate) await refuseDuplicate(tx, current.articleId, input.start!, input.end!, claimId);
      span = { start: input.start!, end: input.end!, ...quoteSelector(article.body, input.start!, input.end!) };
    }
    const plan = planClaimSave(actor, claimId, input, checked, span);
    if (!plan.changed) return plan.claim;
    const saved = await tx.claim.updateManyAndReturn({
      where: { id: claimId, version: input.version },
      data: { ...plan.columns, version: { increment: 1 } },
      select: claimColumnsSelect,
    });
    if (saved.length !== 1) throw savedMeanwhile(toClaimDto(await tx.claim.findUniqueOrThrow({ where: { id: claimId }, select: claimSelect })));
    await recordAudit(tx, plan.audit);
    if (plan.notify.length) await notifyUsers(tx, { userIds: plan.notify, kind: "assigned", claimId, actorId: actor.id });
    const { claim, event } = savedClaim(actor, claimId, saved[0], people);
    await recordArticleEvent(tx, event);
    return claim;
  });
}

/**
 * Assigns several claims at once (editors and admins): each claim's version moves and each is
 * audited; assignment and due time are not reviewable changes.
 */
export async function assignClaims(actor: Actor, input: BulkAssignInput): Promise<ClaimDto[]> {
  if (!can(actor, "claims:bulk-assign")) throw new ForbiddenError("Only editors and admins can assign several claims at once.");
  return articleTransaction(async (tx) => {
    if (input.assigneeId) {
      const assignee = await tx.user.findUnique({ where: { id: input.assigneeId }, select: { disabled: true } });
      if (!assignee || assignee.disabled) throw new ValidationError("Unknown assignee.", { assigneeId: "Choose an active user." });
    }
    const ids = [...new Set(input.ids)];
    const rows = await tx.claim.findMany({ where: { id: { in: ids } }, select: { id: true, articleId: true, assigneeId: true, dueAt: true } });
    if (rows.length !== ids.length) throw new NotFoundError("claim");
    const out: ClaimDto[] = [];
    for (const row of rows) {
      const { before, after, changed } = diffFields(
        { assigneeId: row.assigneeId, dueAt: row.dueAt?.toISOString() ?? null },
        { assigneeId: input.assigneeId, dueAt: input.dueAt === undefined ? undefined : (input.dueAt?.toISOString() ?? null) },
      );
      if (!changed) {
        out.push(toClaimDto(await tx.claim.findUniqueOrThrow({ where: { id: row.id }, select: claimSelect })));
        continue;
      }
      const updated = toClaimDto(
        await tx.claim.update({
          where: { id: row.id },
          data: { assigneeId: input.assigneeId, dueAt: input.dueAt, version: { increment: 1 } },
          select: claimSelect,
        }),
      );
      await recordAudit(tx, { actorId: actor.id, action: "claim.assign", objectType: "claim", objectId: row.id, before, after });
      await recordArticleEvent(tx, { articleId: row.articleId, type: "claim.updated", actorId: actor.id, claimId: row.id, claim: updated });
      out.push(updated);
    }
    return out;
  });
}

/** Deletes a claim and its evidence and comments (editors and admins). */
export async function deleteClaim(actor: Actor, claimId: string): Promise<void> {
  await articleTransaction(async (tx) => {
    const current = await tx.claim.findUnique({ where: { id: claimId }, select: { id: true, number: true, quote: true, statusKey: true, articleId: true } });
    if (!current) throw new NotFoundError("claim");
    if (!can(actor, "claim:delete")) throw new ForbiddenError("Only editors and admins can delete claims.");
    await tx.claim.delete({ where: { id: claimId } });
    await recordAudit(tx, { actorId: actor.id, action: "claim.delete", objectType: "claim", objectId: claimId, before: current });
    await recordArticleEvent(tx, { articleId: current.articleId, type: "claim.deleted", actorId: actor.id, claimId });
  });
}

/** Claims across articles, filtered, 50 a page. */
export async function listClaims(actor: Actor, query: ListClaimsQuery) {
  const { ids, nextPage } = await claimIdsPage(actor, query);
  const rows = ids.length ? await db.claim.findMany({ where: { id: { in: ids } }, select: claimSelect }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const claims = ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toClaimDto(row)] : [];
  });
  return { claims, nextPage };
}

/** Adds a comment to a claim's discussion. */
export async function addComment(actor: Actor, claimId: string, body: string): Promise<CommentDto> {
  if (!can(actor, "comment:create")) throw new ForbiddenError("Only checkers, editors and admins can comment.");
  return articleTransaction(async (tx) => {
    const claim = await tx.claim.findUnique({ where: { id: claimId }, select: { id: true, articleId: true } });
    if (!claim) throw new NotFoundError("claim");
    const row = await tx.comment.create({
      data: { claimId, body, authorId: actor.id },
      select: { id: true, claimId: true, body: true, author: { select: { id: true, name: true } }, createdAt: true },
    });
    await recordAudit(tx, { actorId: actor.id, action: "comment.add", objectType: "claim", objectId: claimId, after: { commentId: row.id } });
    await notifyMentions(tx, { body, claimId, actorId: actor.id });
    await recordArticleEvent(tx, { articleId: claim.articleId, type: "comment.added", actorId: actor.id, claimId });
    return { ...row, createdAt: row.createdAt.toISOString() };
  });
}

/**
 * An editor approves or rejects exactly the verdict they saw (`version`), if they made none of
 * the reviewable changes since the last review (lib/claims/review-rules.ts).
 */
export async function reviewClaim(actor: Actor, claimId: string, input: z.infer<typeof reviewClaimSchema>): Promise<ClaimDto> {
  return articleTransaction(async (tx) => {
    const current = await tx.claim.findUnique({ where: { id: claimId }, select: { ...claimSelect, status: { select: { isVerdict: true } } } });
    if (!current) throw new NotFoundError("claim");
    if (!can(actor, "claim:review", { reviewChangers: [] })) throw new ForbiddenError("Only editors and admins can review verdicts.");
    if (isStale(input.version, current.version)) throw new ConflictError(staleMessage("review", current.version, input.version), toClaimDto(current));
    const changers = effectiveChangers({ reviewChangers: parseChangers(current.reviewChangers), reviewState: current.reviewState, statusSetById: current.statusSetById });
    const refusal = reviewRefusal(actor, { changers, statusIsVerdict: current.status.isVerdict });
    if (refusal?.status === 403) throw new ForbiddenError(refusal.message);
    if (refusal) throw new ValidationError(refusal.message, { decision: "Set a verdict first." });
    const reviewState = input.decision === "approve" ? "approved" : "rejected";
    const result = await tx.claim.updateMany({
      where: { id: claimId, version: input.version },
      data: { reviewState, reviewedById: actor.id, reviewedAt: new Date(), reviewNote: input.note, reviewChangers: storeChangers([]), version: { increment: 1 } },
    });
    if (result.count !== 1) {
      const now = await tx.claim.findUniqueOrThrow({ where: { id: claimId }, select: claimSelect });
      throw new ConflictError(staleMessage("review", now.version, input.version), toClaimDto(now));
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: `claim.review.${input.decision}`,
      objectType: "claim",
      objectId: claimId,
      before: { reviewState: current.reviewState, version: current.version },
      after: { reviewState, note: input.note },
    });
    if (current.statusSetById) {
      await notifyUsers(tx, { userIds: [current.statusSetById], kind: input.decision === "approve" ? "approved" : "changes_requested", claimId, actorId: actor.id });
    }
    const reviewed = toClaimDto(await tx.claim.findUniqueOrThrow({ where: { id: claimId }, select: claimSelect }));
    await recordArticleEvent(tx, { articleId: reviewed.articleId, type: "claim.reviewed", actorId: actor.id, claimId, claim: reviewed });
    return reviewed;
  });
}
