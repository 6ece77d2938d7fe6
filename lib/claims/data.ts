import "server-only";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
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
import type { CreateClaimInput, UpdateClaimInput } from "@/lib/claims/schemas";
import type { z } from "zod";
import type { listClaimsQuerySchema, reviewClaimSchema } from "@/lib/claims/schemas";

const PAGE_SIZE = 50;

/** Creates a claim on a text range of an article, storing its position and quote selectors. */
export async function createClaim(actor: Actor, articleId: string, input: CreateClaimInput): Promise<ClaimDto> {
  if (!can(actor, "claim:create")) throw new ForbiddenError("Only checkers, editors and admins can add claims.");
  return articleTransaction(async (tx) => {
    const article = await tx.article.findUnique({ where: { id: articleId }, select: { id: true, body: true } });
    if (!article) throw new NotFoundError("article");
    const problem = rangeProblem(article.body, input.start, input.end);
    if (problem) throw new ValidationError(problem, { start: problem, end: problem });
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
      after: { number: row.number, start: row.start, end: row.end, quote: row.quote, status: row.statusKey },
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
 * Changes a claim's status or text fields. The caller says which `version` its change is based
 * on; if someone else saved in between, nothing is written and a 409 carries the current claim.
 */
export async function updateClaim(actor: Actor, claimId: string, input: UpdateClaimInput): Promise<ClaimDto> {
  return articleTransaction(async (tx) => {
    const current = await tx.claim.findUnique({ where: { id: claimId }, select: claimSelect });
    if (!current) throw new NotFoundError("claim");
    if (!can(actor, "claim:update")) throw new ForbiddenError("Only checkers, editors and admins can change claims.");
    if (current.version !== input.version) {
      throw new ConflictError(
        `This claim was changed by someone else (now at version ${current.version}, your change was based on version ${input.version}). Review the current state and apply your change again.`,
        toClaimDto(current),
      );
    }
    let statusIsVerdict = false;
    if (input.status !== undefined && input.status !== current.statusKey) {
      const status = await tx.status.findUnique({ where: { key: input.status }, select: { isVerdict: true } });
      if (!status) throw new ValidationError(`Unknown status "${input.status}".`, { status: "Choose a status from the scale." });
      statusIsVerdict = status.isVerdict;
    }
    if (input.assigneeId) {
      const assignee = await tx.user.findUnique({ where: { id: input.assigneeId }, select: { disabled: true } });
      if (!assignee || assignee.disabled) throw new ValidationError("Unknown assignee.", { assigneeId: "Choose an active user." });
    }
    const { before, after, changed } = diffFields(
      {
        status: current.statusKey,
        summary: current.summary,
        claimant: current.claimant,
        claimType: current.claimType,
        rationale: current.rationale,
        assigneeId: current.assignee?.id ?? null,
      },
      {
        status: input.status,
        summary: input.summary,
        claimant: input.claimant,
        claimType: input.claimType,
        rationale: input.rationale,
        assigneeId: input.assigneeId,
      },
    );
    if (!changed) return toClaimDto(current);
    const statusChanged = "status" in after;
    const result = await tx.claim.updateMany({
      where: { id: claimId, version: input.version },
      data: {
        statusKey: input.status,
        summary: input.summary,
        claimant: input.claimant,
        claimType: input.claimType,
        rationale: input.rationale,
        assigneeId: input.assigneeId,
        version: { increment: 1 },
        // A new verdict waits for an editor's review; a non-verdict status has nothing to review.
        ...(statusChanged
          ? { statusSetById: actor.id, reviewState: statusIsVerdict ? "pending" : "none" }
          : {}),
      },
    });
    if (result.count !== 1) {
      const now = await tx.claim.findUniqueOrThrow({ where: { id: claimId }, select: claimSelect });
      throw new ConflictError("This claim was changed by someone else. Review the current state and apply your change again.", toClaimDto(now));
    }
    await recordAudit(tx, { actorId: actor.id, action: "claim.update", objectType: "claim", objectId: claimId, before, after });
    if (typeof after.assigneeId === "string") await notifyUsers(tx, { userIds: [after.assigneeId], kind: "assigned", claimId, actorId: actor.id });
    const updated = toClaimDto(await tx.claim.findUniqueOrThrow({ where: { id: claimId }, select: claimSelect }));
    await recordArticleEvent(tx, { articleId: updated.articleId, type: "claim.updated", actorId: actor.id, claimId, claim: updated });
    return updated;
  });
}

/** Deletes a claim and its evidence and comments (editors and admins). */
export async function deleteClaim(actor: Actor, claimId: string): Promise<void> {
  await articleTransaction(async (tx) => {
    const current = await tx.claim.findUnique({ where: { id: claimId }, select: { id: true, quote: true, statusKey: true, articleId: true } });
    if (!current) throw new NotFoundError("claim");
    if (!can(actor, "claim:delete")) throw new ForbiddenError("Only editors and admins can delete claims.");
    await tx.claim.delete({ where: { id: claimId } });
    await recordAudit(tx, { actorId: actor.id, action: "claim.delete", objectType: "claim", objectId: claimId, before: current });
    await recordArticleEvent(tx, { articleId: current.articleId, type: "claim.deleted", actorId: actor.id, claimId });
  });
}

/** Claims across articles, filtered, 50 a page. */
export async function listClaims(actor: Actor, query: z.infer<typeof listClaimsQuerySchema>) {
  if (!can(actor, "article:read")) throw new ForbiddenError();
  const where = {
    ...(query.status ? { statusKey: query.status } : {}),
    ...(query.assignee ? { assigneeId: query.assignee === "me" ? actor.id : query.assignee } : {}),
    ...(query.articleId ? { articleId: query.articleId } : {}),
    ...(query.q ? { OR: [{ quote: { contains: query.q } }, { summary: { contains: query.q } }, { claimant: { contains: query.q } }] } : {}),
  };
  const rows = await db.claim.findMany({
    where,
    select: claimSelect,
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    skip: (query.page - 1) * PAGE_SIZE,
    take: PAGE_SIZE + 1,
  });
  return { claims: rows.slice(0, PAGE_SIZE).map(toClaimDto), nextPage: rows.length > PAGE_SIZE ? query.page + 1 : null };
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

/** An editor approves or rejects the current verdict (not their own). */
export async function reviewClaim(actor: Actor, claimId: string, input: z.infer<typeof reviewClaimSchema>): Promise<ClaimDto> {
  return articleTransaction(async (tx) => {
    const current = await tx.claim.findUnique({ where: { id: claimId }, select: { ...claimSelect, status: { select: { isVerdict: true } } } });
    if (!current) throw new NotFoundError("claim");
    if (!can(actor, "claim:review", { statusSetById: current.statusSetById })) {
      throw new ForbiddenError(
        current.statusSetById === actor.id
          ? "You set this verdict, so another editor must review it."
          : "Only editors and admins can review verdicts.",
      );
    }
    if (!current.status.isVerdict) {
      throw new ValidationError("Only a verdict can be reviewed; this claim has no verdict yet.", { decision: "Set a verdict first." });
    }
    const reviewState = input.decision === "approve" ? "approved" : "rejected";
    await tx.claim.update({
      where: { id: claimId },
      data: { reviewState, reviewedById: actor.id, reviewedAt: new Date(), reviewNote: input.note, version: { increment: 1 } },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: `claim.review.${input.decision}`,
      objectType: "claim",
      objectId: claimId,
      before: { reviewState: current.reviewState },
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
