/**
 * The claim save (PATCH /api/v1/claims/:id): on SQLite it runs as one synchronous transaction on
 * the app's connection (lib/claims/claim-save-sqlite.ts), on PostgreSQL through the ORM; the same
 * expectations hold on both. A save is all or nothing, concurrent saves based on one version have
 * exactly one winner with its audit row and event, and a busy database is a 503, never a 500.
 */
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, demoArticle, testDb, PASSWORD } from "../support/fixtures";
import { db } from "@/lib/db";
import { directSqlite } from "@/lib/db-direct";
import { updateClaim } from "@/lib/claims/data";
import { closeEventSource } from "@/lib/events/source";
import type { Role } from "@/lib/permissions";

const sqliteFile = (process.env.DATABASE_URL ?? "").startsWith("file:") ? process.env.DATABASE_URL!.slice("file:".length) : null;

let server: TestServer;
let checker: ApiClient;
let articleId: string;
let body: string;
let nextStart = 0;

beforeAll(async () => {
  await seedUsers();
  ({ id: articleId, body } = await demoArticle());
  server = await startServer();
  checker = new ApiClient(server.url);
  expect((await checker.signIn("checker@example.com", PASSWORD)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await closeEventSource();
  await db.$disconnect();
});

/** A new claim on its own span of the demo article. */
async function newClaim(): Promise<{ id: string; version: number }> {
  const start = nextStart;
  nextStart += 7;
  if (nextStart > body.length) throw new Error("the demo article is too short for this many claims");
  const r = await checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, start, end: start + 5, allowDuplicate: true });
  expect(r.status).toBe(201);
  return { id: r.body.id, version: r.body.version };
}

const auditRows = (claimId: string) => testDb().auditEvent.count({ where: { objectType: "claim", objectId: claimId, action: "claim.update" } });
const eventRows = (claimId: string) => testDb().articleEvent.count({ where: { claimId, type: "claim.updated" } });
const changeSeq = async () => (await testDb().article.findUniqueOrThrow({ where: { id: articleId }, select: { changeSeq: true } })).changeSeq;

(sqliteFile ? it : it.skip)("on SQLite a save is one transaction on the app's own connection, and writes rows as the ORM does", async () => {
  const claim = await newClaim();
  const user = await testDb().user.findUniqueOrThrow({ where: { email: "checker@example.com" }, select: { id: true, role: true } });
  const direct = await directSqlite(db);
  expect(direct).not.toBeNull();
  const connection = await direct!.run((c) => c);
  const transaction = jest.spyOn(connection, "transaction");
  const before = await testDb().claim.findUniqueOrThrow({ where: { id: claim.id }, select: { updatedAt: true, createdAt: true } });
  const seqBefore = await changeSeq();

  const saved = await updateClaim({ id: user.id, role: user.role as Role }, claim.id, { version: claim.version, summary: "direct", assigneeId: null, allowDuplicate: false });
  expect(transaction).toHaveBeenCalledTimes(1);
  transaction.mockRestore();
  expect(saved).toMatchObject({ id: claim.id, version: claim.version + 1, summary: "direct" });

  // What the ORM reads back: the new version, a later updatedAt, the audit row and the event under the next sequence number.
  const row = await testDb().claim.findUniqueOrThrow({ where: { id: claim.id }, select: { version: true, summary: true, updatedAt: true, createdAt: true } });
  expect(row).toMatchObject({ version: claim.version + 1, summary: "direct", createdAt: before.createdAt });
  expect(row.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());
  expect(saved.updatedAt).toBe(row.updatedAt.toISOString());
  const audit = await testDb().auditEvent.findFirstOrThrow({ where: { objectId: claim.id, action: "claim.update" }, select: { id: true, actorId: true, before: true, after: true } });
  expect(audit).toMatchObject({ actorId: user.id, before: JSON.stringify({ summary: "" }), after: JSON.stringify({ summary: "direct" }) });
  const event = await testDb().articleEvent.findFirstOrThrow({ where: { claimId: claim.id, type: "claim.updated" }, select: { id: true, seq: true, actorId: true, data: true } });
  expect(event.seq).toBe(seqBefore + 1);
  expect(JSON.parse(event.data)).toEqual({ claimId: claim.id, version: claim.version + 1, claim: saved, actor: { id: user.id, name: "checker" } });

  // Ids and times in the ORM's own formats: ids as Prisma's cuid(), times as ISO text with +00:00.
  const Database = require("better-sqlite3");
  const raw = new Database(sqliteFile, { readonly: true });
  try {
    const ids = raw.prepare(`SELECT "id" FROM "AuditEvent" WHERE "id" = ? UNION ALL SELECT "id" FROM "ArticleEvent" WHERE "id" = ? UNION ALL SELECT "id" FROM "Claim" WHERE "id" = ?`).all(audit.id, event.id, claim.id);
    expect(ids).toHaveLength(3);
    for (const { id } of ids) expect(id).toMatch(/^c[a-z0-9]{24}$/);
    const times = raw.prepare(`SELECT "createdAt", "updatedAt", typeof("updatedAt") AS "kind" FROM "Claim" WHERE "id" = ?`).get(claim.id);
    expect(times.kind).toBe("text");
    for (const time of [times.createdAt, times.updatedAt]) expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
  } finally {
    raw.close();
  }
});

it("a save that fails after its UPDATE leaves the claim, its audit rows, its events and the article's sequence as they were", async () => {
  const claim = await newClaim();
  const seq = await changeSeq();
  // The event this save would record takes the next sequence number: occupy it, so that the last
  // write of the save fails on the (articleId, seq) unique constraint after everything else.
  await testDb().articleEvent.create({ data: { articleId, seq: seq + 1, type: "claim.updated", actorId: null, data: "{}" } });
  const [audits, events] = [await auditRows(claim.id), await eventRows(claim.id)];

  const r = await checker.patch(`/api/v1/claims/${claim.id}`, { version: claim.version, summary: "never saved", status: "false" });
  expect(r.status).toBe(409);
  expect(r.body.error.code).toBe("already_exists");
  const row = await testDb().claim.findUniqueOrThrow({ where: { id: claim.id }, select: { version: true, summary: true, statusKey: true, reviewState: true } });
  expect(row).toEqual({ version: claim.version, summary: "", statusKey: "unchecked", reviewState: "none" });
  expect(await auditRows(claim.id)).toBe(audits);
  expect(await eventRows(claim.id)).toBe(events);
  expect(await changeSeq()).toBe(seq);

  // Once the sequence moves past the occupied number, the same save goes through.
  await testDb().article.update({ where: { id: articleId }, data: { changeSeq: { increment: 1 } } });
  const again = await checker.patch(`/api/v1/claims/${claim.id}`, { version: claim.version, summary: "saved", status: "false" });
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ version: claim.version + 1, summary: "saved", status: "false", reviewState: "pending" });
  expect(await auditRows(claim.id)).toBe(audits + 1);
});

it("50 concurrent saves on 10 claims: exactly one winner per version, every win audited and announced, no 5xx", async () => {
  const claims = [];
  for (let i = 0; i < 10; i++) claims.push(await newClaim());
  const seq = await changeSeq();
  // Per claim: three saves based on the current version (one must win, two lose with a 409) and
  // two based on a version that never was current (both lose).
  const attempts = claims.flatMap((claim) =>
    [claim.version, claim.version, claim.version, claim.version + 7, claim.version + 9].map((version, n) => ({ claim, version, summary: `attempt ${n}` })),
  );
  const replies = await Promise.all(attempts.map(async (a) => ({ ...a, reply: await checker.patch(`/api/v1/claims/${a.claim.id}`, { version: a.version, summary: a.summary }) })));
  expect(replies.filter((r) => r.reply.status >= 500)).toEqual([]);
  expect(replies.every((r) => r.reply.status === 200 || r.reply.status === 409)).toBe(true);
  for (const claim of claims) {
    const mine = replies.filter((r) => r.claim.id === claim.id);
    const winners = mine.filter((r) => r.reply.status === 200);
    expect(winners).toHaveLength(1);
    expect(winners[0].version).toBe(claim.version);
    for (const loser of mine.filter((r) => r.reply.status === 409)) {
      expect(loser.reply.body.error.code).toBe("version_conflict");
      expect(loser.reply.body.error.details.current.id).toBe(claim.id);
    }
    const row = await testDb().claim.findUniqueOrThrow({ where: { id: claim.id }, select: { version: true, summary: true } });
    expect(row).toEqual({ version: claim.version + 1, summary: winners[0].summary });
    expect(await auditRows(claim.id)).toBe(1);
    expect(await eventRows(claim.id)).toBe(1);
  }
  expect(await changeSeq()).toBe(seq + claims.length);
  const events = await testDb().articleEvent.findMany({ where: { articleId, seq: { gt: seq } }, select: { seq: true }, orderBy: { seq: "asc" } });
  expect(events.map((e) => e.seq)).toEqual(claims.map((_, i) => seq + i + 1));
});

(sqliteFile ? it : it.skip)("another process holding the database's write lock makes a save a 503 (busy), not a 500, and changes nothing", async () => {
  const claim = await newClaim();
  const Database = require("better-sqlite3");
  const other = new Database(sqliteFile);
  let r;
  try {
    other.prepare("BEGIN IMMEDIATE").run();
    r = await checker.patch(`/api/v1/claims/${claim.id}`, { version: claim.version, summary: "while locked" });
  } finally {
    other.prepare("ROLLBACK").run();
    other.close();
  }
  expect(r.status).toBe(503);
  expect(r.body.error.code).toBe("busy");
  expect(r.headers.get("retry-after")).toBe("1");
  expect((await testDb().claim.findUniqueOrThrow({ where: { id: claim.id }, select: { version: true } })).version).toBe(claim.version);
  const after = await checker.patch(`/api/v1/claims/${claim.id}`, { version: claim.version, summary: "after the lock" });
  expect(after.status).toBe(200);
});
