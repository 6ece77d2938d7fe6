import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { AppError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { recordAudit } from "@/lib/audit/data";
import { recordArticleEvent } from "@/lib/events/record";
import { claimSelect, toClaimDto } from "@/lib/claims/dto";
import { changersAfter, parseChangers, reviewStateAfterScaleChange, storeChangers } from "@/lib/claims/review-rules";
import { DEFAULT_STATUS_KEY, STATUS_PRESETS, statusColorProblem, toStatusDto, type PresetKey, type StatusDto } from "@/lib/statuses/scale";
import { keyFromLabel, type CreateStatusInput, type UpdateStatusInput } from "@/lib/statuses/schemas";

type Tx = Prisma.TransactionClient;

const statusFields = { key: true, label: true, color: true, isVerdict: true, ratingValue: true, ratingBest: true, ratingWorst: true, position: true } as const;

/** The status scale in display order. */
export async function listStatuses(): Promise<StatusDto[]> {
  const rows = await db.status.findMany({ orderBy: [{ position: "asc" }, { key: "asc" }], select: statusFields });
  return rows.map(toStatusDto);
}

function requireAdmin(actor: Actor) {
  if (!can(actor, "statuses:manage")) throw new ForbiddenError("Only admins can change the status scale.");
}

function checkColor(color: string | undefined) {
  if (color === undefined) return;
  const problem = statusColorProblem(color);
  if (problem) throw new ValidationError(problem, { color: problem });
}

function ratingData(rating: CreateStatusInput["rating"]) {
  if (rating === undefined) return {};
  if (rating === null) return { ratingValue: null, ratingBest: null, ratingWorst: null };
  return { ratingValue: rating.value, ratingBest: rating.best, ratingWorst: rating.worst };
}

/** Puts `key` at `position` and numbers the whole scale 0, 1, 2 … again. */
async function placeStatus(tx: Tx, key: string, position: number) {
  const keys = (await tx.status.findMany({ orderBy: [{ position: "asc" }, { key: "asc" }], select: { key: true } })).map((s) => s.key).filter((k) => k !== key);
  keys.splice(Math.min(position, keys.length), 0, key);
  for (const [i, k] of keys.entries()) await tx.status.update({ where: { key: k }, data: { position: i } });
}

/**
 * Claims whose status changed whether it is a verdict, or that moved to another status, go back
 * to review (pending for a verdict, none otherwise); each one's version moves and it is audited.
 */
async function sendBackToReview(tx: Tx, actor: Actor, claimIds: string[], reason: string) {
  for (const id of claimIds) {
    const claim = await tx.claim.findUniqueOrThrow({ where: { id }, select: { reviewState: true, reviewChangers: true, articleId: true, status: { select: { isVerdict: true } } } });
    const reviewState = reviewStateAfterScaleChange(claim.status.isVerdict);
    const changers = changersAfter(parseChangers(claim.reviewChangers), actor.id, ["status"]);
    const updated = toClaimDto(
      await tx.claim.update({ where: { id }, data: { reviewState, reviewChangers: storeChangers(changers), version: { increment: 1 } }, select: claimSelect }),
    );
    await recordAudit(tx, { actorId: actor.id, action: "claim.review.reset", objectType: "claim", objectId: id, before: { reviewState: claim.reviewState }, after: { reviewState, reason } });
    await recordArticleEvent(tx, { articleId: claim.articleId, type: "claim.updated", actorId: actor.id, claimId: id, claim: updated });
  }
}

/** Adds a status to the scale (admins). */
export async function createStatus(actor: Actor, input: CreateStatusInput): Promise<StatusDto> {
  requireAdmin(actor);
  checkColor(input.color);
  return db.$transaction(async (tx) => {
    let key = input.key ?? keyFromLabel(input.label);
    if (await tx.status.findUnique({ where: { key }, select: { key: true } })) {
      if (input.key) throw new AppError(409, "status_exists", `A status with the key "${key}" already exists.`, { key });
      let n = 2;
      while (await tx.status.findUnique({ where: { key: `${key}_${n}` }, select: { key: true } })) n++;
      key = `${key}_${n}`;
    }
    const count = await tx.status.count();
    await tx.status.create({ data: { key, label: input.label, color: input.color, isVerdict: input.isVerdict, ...ratingData(input.rating), position: count } });
    if (input.position !== undefined) await placeStatus(tx, key, input.position);
    const row = await tx.status.findUniqueOrThrow({ where: { key }, select: statusFields });
    await recordAudit(tx, { actorId: actor.id, action: "status.create", objectType: "status", objectId: key, after: toStatusDto(row) });
    return toStatusDto(row);
  });
}

/** Renames, recolours, reorders or re-rates a status, or changes whether it is a verdict (admins). */
export async function updateStatus(actor: Actor, key: string, input: UpdateStatusInput): Promise<StatusDto> {
  requireAdmin(actor);
  checkColor(input.color);
  return db.$transaction(async (tx) => {
    const before = await tx.status.findUnique({ where: { key }, select: statusFields });
    if (!before) throw new NotFoundError("status");
    await tx.status.update({
      where: { key },
      data: { label: input.label, color: input.color, isVerdict: input.isVerdict, ...ratingData(input.rating) },
    });
    if (input.position !== undefined) await placeStatus(tx, key, input.position);
    if (input.isVerdict !== undefined && input.isVerdict !== before.isVerdict) {
      const claims = await tx.claim.findMany({ where: { statusKey: key }, select: { id: true } });
      await sendBackToReview(tx, actor, claims.map((c) => c.id), input.isVerdict ? `"${before.label}" became a verdict` : `"${before.label}" is no longer a verdict`);
    }
    const row = await tx.status.findUniqueOrThrow({ where: { key }, select: statusFields });
    await recordAudit(tx, { actorId: actor.id, action: "status.update", objectType: "status", objectId: key, before: toStatusDto(before), after: toStatusDto(row) });
    return toStatusDto(row);
  });
}

/**
 * Deletes a status (admins). One that claims use is deleted only by moving them to `moveTo`, in
 * the same transaction; the moved claims go back to review. Without `moveTo`, 409 status_in_use.
 */
export async function deleteStatus(actor: Actor, key: string, moveTo?: string): Promise<void> {
  requireAdmin(actor);
  await db.$transaction(async (tx) => {
    const status = await tx.status.findUnique({ where: { key }, select: statusFields });
    if (!status) throw new NotFoundError("status");
    if (key === DEFAULT_STATUS_KEY) {
      throw new ValidationError(`"${status.label}" is where every new claim starts, so it cannot be deleted. Rename it instead.`, { key: "The starting status stays." });
    }
    const claims = await tx.claim.findMany({ where: { statusKey: key }, select: { id: true } });
    let target: { key: string; label: string } | null = null;
    if (claims.length > 0) {
      if (!moveTo) {
        throw new AppError(409, "status_in_use", `${claims.length} claim${claims.length === 1 ? "" : "s"} use "${status.label}". Choose a status to move them to.`, { claims: claims.length });
      }
      if (moveTo === key) throw new ValidationError("Move the claims to another status.", { moveTo: "Choose another status." });
      target = await tx.status.findUnique({ where: { key: moveTo }, select: { key: true, label: true } });
      if (!target) throw new ValidationError(`Unknown status "${moveTo}".`, { moveTo: "Choose a status from the scale." });
      await tx.claim.updateMany({ where: { statusKey: key }, data: { statusKey: moveTo, statusSetById: actor.id } });
      await sendBackToReview(tx, actor, claims.map((c) => c.id), `moved from "${status.label}" to "${target.label}"`);
    }
    await tx.status.delete({ where: { key } });
    const rest = await tx.status.findMany({ orderBy: [{ position: "asc" }, { key: "asc" }], select: { key: true } });
    for (const [i, s] of rest.entries()) await tx.status.update({ where: { key: s.key }, data: { position: i } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "status.delete",
      objectType: "status",
      objectId: key,
      before: toStatusDto(status),
      after: target ? { movedTo: target.key, claims: claims.length } : undefined,
    });
  });
}

/**
 * Applies a preset scale (admins): its statuses are added where missing (or take the preset's
 * label, colour and rating where the key exists) and ordered first; the others keep their place
 * after them, and no status is removed. Claims whose status changes isVerdict go back to review.
 */
export async function applyPreset(actor: Actor, preset: PresetKey): Promise<StatusDto[]> {
  requireAdmin(actor);
  const entries = STATUS_PRESETS[preset].statuses;
  await db.$transaction(async (tx) => {
    const before = await tx.status.findMany({ select: statusFields });
    const byKey = new Map(before.map((s) => [s.key, s]));
    for (const [i, entry] of entries.entries()) {
      const data = {
        label: entry.label,
        color: entry.color,
        isVerdict: entry.isVerdict,
        ratingValue: entry.ratingValue,
        ratingBest: entry.ratingValue == null ? null : (entry.ratingBest ?? null),
        ratingWorst: entry.ratingValue == null ? null : (entry.ratingWorst ?? null),
        position: i,
      };
      const existing = byKey.get(entry.key);
      if (existing) {
        await tx.status.update({ where: { key: entry.key }, data });
        if (existing.isVerdict !== entry.isVerdict) {
          const claims = await tx.claim.findMany({ where: { statusKey: entry.key }, select: { id: true } });
          await sendBackToReview(tx, actor, claims.map((c) => c.id), `preset ${preset}`);
        }
      } else await tx.status.create({ data: { key: entry.key, ...data } });
    }
    const presetKeys = new Set(entries.map((e) => e.key));
    const others = before.filter((s) => !presetKeys.has(s.key)).sort((a, b) => a.position - b.position || a.key.localeCompare(b.key));
    for (const [i, s] of others.entries()) await tx.status.update({ where: { key: s.key }, data: { position: entries.length + i } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "status.preset",
      objectType: "status",
      objectId: preset,
      before: before.map(toStatusDto),
      after: { preset, statuses: entries.map((e) => e.key) },
    });
  });
  return listStatuses();
}

/** How many claims use each status (for the admin page). */
export async function countClaimsByStatus(actor: Actor): Promise<Record<string, number>> {
  requireAdmin(actor);
  const groups = await db.claim.groupBy({ by: ["statusKey"], _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.statusKey, g._count._all]));
}
