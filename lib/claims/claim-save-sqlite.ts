import "server-only";
import cuid from "@bugsnag/cuid";
import type Database from "better-sqlite3";
import { db } from "@/lib/db";
import { directSqlite, fromSqlTime, toSqliteValue } from "@/lib/db-direct";
import { articleEventData } from "@/lib/events/record";
import { publishArticleChange } from "@/lib/events/source";
import type { ClaimDto } from "@/lib/claims/dto";
import type { Actor } from "@/lib/permissions";
import type { UpdateClaimInput } from "@/lib/claims/schemas";
import { claimColumnsSelect, claimDtoFromColumns, peopleOf, type ClaimColumns, type Person } from "@/lib/claims/claim-row";
import { checkClaimSave, peopleToRead, planClaimSave, savedClaim, savedMeanwhile, statusKeysToRead, type StatusFacts } from "@/lib/claims/claim-save";

/**
 * The claim save on SQLite: the rules of lib/claims/claim-save.ts run inside ONE synchronous
 * better-sqlite3 transaction (BEGIN IMMEDIATE) on the app's own connection, under the lock the ORM
 * uses (lib/db-direct.ts), so a save is one turn of the lock instead of ten awaited round trips
 * through Prisma's client. It writes what the ORM path writes, in the ORM's storage formats: ids as
 * Prisma's cuid() makes them (cuid v1), times as ISO text with "+00:00", `updatedAt` set to now
 * (@updatedAt), and the article's change sequence and event row as lib/events/record.ts does; the
 * event is published after the commit, as lib/events/transaction.ts does.
 *
 * Answers null when the ORM path must run instead: on PostgreSQL (no direct connection), and for a
 * span correction (it needs the article's text, a duplicate check and the revision: that stays on
 * the ORM path, which checks it in its own transaction). Errors are the same as the ORM path's: the
 * rules throw the API's errors; a busy database (SQLITE_BUSY, "database is locked") is mapped by
 * lib/db-dialect.ts to the same 503.
 */
export async function saveClaimOnSqlite(actor: Actor, claimId: string, input: UpdateClaimInput): Promise<{ claim: ClaimDto } | null> {
  const direct = await directSqlite(db);
  if (!direct) return null;
  const outcome = await direct.run((connection, prepare) => connection.transaction(() => saveInTransaction(prepare, actor, claimId, input)).immediate());
  if (!outcome) return null;
  if (outcome.seq !== null) publishArticleChange(outcome.claim.articleId, outcome.seq);
  return { claim: outcome.claim };
}

type Prepare = (sql: string) => Database.Statement;

const q = (name: string) => `"${name}"`;
const COLUMNS = Object.keys(claimColumnsSelect);
const COLUMN_LIST = COLUMNS.map(q).join(", ");
const TIME_COLUMNS = new Set(["reviewedAt", "dueAt", "createdAt", "updatedAt"]);

/** A claim row read directly, as Prisma gives it (times as Dates). */
function claimColumns(row: Record<string, unknown> | undefined): ClaimColumns | null {
  if (!row) return null;
  const out: Record<string, unknown> = {};
  for (const column of COLUMNS) out[column] = TIME_COLUMNS.has(column) ? fromSqlTime(row[column]) : row[column];
  return out as ClaimColumns;
}

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

function readPeople(prepare: Prepare, ids: (string | null | undefined)[]): Map<string, Person> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (wanted.length === 0) return new Map();
  const rows = prepare(`SELECT "id", "name", "disabled" FROM "User" WHERE "id" IN (${placeholders(wanted.length)})`).all(...wanted) as { id: string; name: string; disabled: number }[];
  return new Map(rows.map((row) => [row.id, { id: row.id, name: row.name, disabled: Boolean(row.disabled) }]));
}

function readStatuses(prepare: Prepare, keys: string[]): StatusFacts[] {
  const rows = prepare(`SELECT "key", "isVerdict" FROM "Status" WHERE "key" IN (${placeholders(keys.length)})`).all(...keys) as { key: string; isVerdict: number }[];
  return rows.map((row) => ({ key: row.key, isVerdict: Boolean(row.isVerdict) }));
}

type Outcome = { claim: ClaimDto; seq: number | null } | null;

function saveInTransaction(prepare: Prepare, actor: Actor, claimId: string, input: UpdateClaimInput): Outcome {
  const readClaim = () => claimColumns(prepare(`SELECT ${COLUMN_LIST} FROM "Claim" WHERE "id" = ?`).get(claimId) as Record<string, unknown> | undefined);
  const current = readClaim();
  const people = current ? readPeople(prepare, peopleToRead(current, actor, input)) : new Map<string, Person>();
  const statuses = current ? readStatuses(prepare, statusKeysToRead(current, input)) : [];
  const checked = checkClaimSave(actor, input, current, people, statuses);
  if (checked.spanCorrection) return null;
  const plan = planClaimSave(actor, claimId, input, checked);
  if (!plan.changed) return { claim: plan.claim, seq: null };

  const now = toSqliteValue(new Date());
  const entries = Object.entries(plan.columns);
  const saved = claimColumns(
    prepare(
      `UPDATE "Claim" SET ${entries.map(([column]) => `${q(column)} = ?`).join(", ")}, "version" = "version" + 1, "updatedAt" = ? ` +
        `WHERE "id" = ? AND "version" = ? RETURNING ${COLUMN_LIST}`,
    ).get(...entries.map(([, value]) => toSqliteValue(value)), now, claimId, input.version) as Record<string, unknown> | undefined,
  );
  if (!saved) {
    const row = readClaim()!;
    throw savedMeanwhile(claimDtoFromColumns(row, readPeople(prepare, peopleOf(row))));
  }

  const { audit } = plan;
  prepare(`INSERT INTO "AuditEvent" ("id", "actorId", "action", "objectType", "objectId", "before", "after", "ip", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    cuid(),
    audit.actorId,
    audit.action,
    audit.objectType,
    audit.objectId,
    audit.before === undefined ? null : JSON.stringify(audit.before),
    audit.after === undefined ? null : JSON.stringify(audit.after),
    audit.ip ?? null,
    now,
  );
  for (const userId of plan.notify) {
    prepare(`INSERT INTO "Notification" ("id", "userId", "kind", "claimId", "actorId", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`).run(cuid(), userId, "assigned", claimId, actor.id, now);
  }

  const { claim, event } = savedClaim(actor, claimId, saved, people);
  // As lib/events/record.ts recordArticleEvent: the article's change sequence moves by one (its
  // updatedAt does not), and the event is stored under that number.
  const bumped = prepare(`UPDATE "Article" SET "changeSeq" = "changeSeq" + 1 WHERE "id" = ? RETURNING "changeSeq"`).get(event.articleId) as { changeSeq: number } | undefined;
  if (!bumped) throw new Error(`recordArticleEvent: no article ${event.articleId}`);
  const seq = Number(bumped.changeSeq);
  prepare(`INSERT INTO "ArticleEvent" ("id", "articleId", "seq", "type", "claimId", "actorId", "data", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
    cuid(),
    event.articleId,
    seq,
    event.type,
    event.claimId ?? null,
    event.actorId,
    JSON.stringify(articleEventData(event, event.actor ?? null)),
    now,
  );
  return { claim, seq };
}
