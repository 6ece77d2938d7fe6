import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";

type Tx = Prisma.TransactionClient | typeof db;

export type AuditInput = {
  actorId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
};

/** Appends one audit event (inside the caller's transaction when given one). */
export async function recordAudit(tx: Tx, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      objectType: event.objectType,
      objectId: event.objectId,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
      ip: event.ip ?? null,
    },
  });
}

export { diffFields } from "@/lib/audit/diff";

export type AuditEventDto = {
  id: string;
  at: string;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  objectType: string;
  objectId: string;
  before: string | null;
  after: string | null;
  ip: string | null;
};

export type AuditFilter = { action?: string; actor?: string; objectType?: string; from?: string; to?: string; page: number };

const AUDIT_PAGE = 50;

/** Audit events, newest first, filtered (admins only). */
export async function listAuditEvents(actor: { id: string; role: string }, filter: AuditFilter) {
  if (actor.role !== "admin") throw new ForbiddenError("Only admins can read the audit log.");
  const createdAt: { gte?: Date; lt?: Date } = {};
  if (filter.from) createdAt.gte = new Date(`${filter.from}T00:00:00.000Z`);
  if (filter.to) createdAt.lt = new Date(new Date(`${filter.to}T00:00:00.000Z`).getTime() + 86_400_000);
  const where = {
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.objectType ? { objectType: filter.objectType } : {}),
    ...(filter.actor ? { actor: { OR: [{ email: { contains: filter.actor } }, { name: { contains: filter.actor } }] } } : {}),
    ...(filter.from || filter.to ? { createdAt } : {}),
  };
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (filter.page - 1) * AUDIT_PAGE,
    take: AUDIT_PAGE + 1,
    select: { id: true, createdAt: true, action: true, objectType: true, objectId: true, before: true, after: true, ip: true, actor: { select: { id: true, name: true, email: true } } },
  });
  const events: AuditEventDto[] = rows.slice(0, AUDIT_PAGE).map(({ createdAt, ...r }) => ({ ...r, at: createdAt.toISOString() }));
  return { events, nextPage: rows.length > AUDIT_PAGE ? filter.page + 1 : null };
}
