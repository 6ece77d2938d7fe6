/**
 * lib/db-direct.ts: synchronous work on the app's SQLite connection takes the same lock as the
 * ORM's transactions, and directQuery reads the same rows on SQLite and PostgreSQL.
 */
import { testDb } from "../support/fixtures";
import { directQuery, directQueryWhileUnchanged, directSqlite, fromSqlBoolean, fromSqlTime, type UnchangedMemo } from "@/lib/db-direct";
import { runInRequest } from "@/lib/request-context";

const onSqlite = !process.env.DATABASE_URL?.startsWith("postgres");

it("directQuery reads what the ORM wrote, with times and booleans comparable on either database", async () => {
  const db = testDb();
  const stamp = new Date("2026-01-02T03:04:05.678Z");
  await db.auditEvent.create({ data: { action: "direct.read", objectType: "test", objectId: "direct-read", createdAt: stamp } });
  await db.auditEvent.create({ data: { action: "direct.read", objectType: "test", objectId: "direct-read", createdAt: new Date(stamp.getTime() + 1) } });
  const rows = await directQuery<{ action: string; createdAt: unknown }>(
    db,
    `SELECT "action", "createdAt" FROM "AuditEvent" WHERE "objectId" = $1 AND "createdAt" >= $2 AND "createdAt" < $3`,
    ["direct-read", stamp, new Date(stamp.getTime() + 1)],
  );
  expect(rows).toHaveLength(1);
  expect(rows[0].action).toBe("direct.read");
  expect(fromSqlTime(rows[0].createdAt)?.toISOString()).toBe(stamp.toISOString());

  // Booleans: bound (as the adapter stores them) and read back on either database.
  const id = `direct-bool-${Date.now()}`;
  await db.user.create({ data: { id, name: "Direct", email: `${id}@example.com`, disabled: true } });
  const users = await directQuery<{ id: string; disabled: unknown; emailVerified: unknown }>(db, `SELECT "id", "disabled", "emailVerified" FROM "User" WHERE "id" = $1 AND "disabled" = $2`, [id, true]);
  expect(users).toHaveLength(1);
  expect(fromSqlBoolean(users[0].disabled)).toBe(true);
  expect(fromSqlBoolean(users[0].emailVerified)).toBe(false);
  expect(await directQuery(db, `SELECT "id" FROM "User" WHERE "id" = $1 AND "disabled" = $2`, [id, false])).toHaveLength(0);
  await db.user.delete({ where: { id } });
});

(onSqlite ? it : it.skip)("synchronous work waits for an open ORM transaction and never sees its rows", async () => {
  const db = testDb();
  const direct = await directSqlite(db);
  expect(direct).not.toBeNull();
  let rollBack!: () => void;
  const gate = new Promise<void>((resolve) => (rollBack = resolve));
  let written!: () => void;
  const wrote = new Promise<void>((resolve) => (written = resolve));
  const done = db
    .$transaction(async (tx) => {
      await tx.setting.create({ data: { key: "direct-uncommitted", value: "x" } });
      written();
      await gate;
      throw new Error("roll back");
    })
    .catch(() => "rolled back");
  await wrote;
  let ranAt = 0;
  const seen = direct!.run((_, prepare) => {
    ranAt = Date.now();
    return prepare(`SELECT count(*) AS n FROM "Setting" WHERE "key" = ?`).get("direct-uncommitted") as { n: number };
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(ranAt).toBe(0); // still waiting for the transaction
  rollBack();
  expect(await done).toBe("rolled back");
  expect(await seen).toEqual({ n: 0 });
});

(onSqlite ? it : it.skip)("directQueryWhileUnchanged reuses rows while nothing is written, and reads again after any write, on this connection or another", async () => {
  const db = testDb();
  const key = `memo-${Date.now()}`;
  await db.setting.create({ data: { key, value: "one" } });
  const memo: UnchangedMemo<{ value: string }> = new Map();
  const read = () => directQueryWhileUnchanged<{ value: string }>(db, memo, key, `SELECT "value" FROM "Setting" WHERE "key" = $1`, [key]);
  const first = await read();
  expect(first).toEqual([{ value: "one" }]);
  expect(await read()).toBe(first); // the same rows, not read again

  // A write through the ORM on this connection, even to another table.
  await db.auditEvent.create({ data: { action: "memo.other", objectType: "test", objectId: key } });
  const afterOther = await read();
  expect(afterOther).not.toBe(first);
  expect(afterOther).toEqual([{ value: "one" }]);

  // A write on the same connection, direct.
  const direct = (await directSqlite(db))!;
  await direct.run((_, prepare) => prepare(`UPDATE "Setting" SET "value" = ? WHERE "key" = ?`).run("two", key));
  expect(await read()).toEqual([{ value: "two" }]);

  // A write committed by another connection (another process, a script).
  const { default: Database } = await import("better-sqlite3");
  const file = process.env.DATABASE_URL!.replace(/^file:/, "");
  const conn = new Database(file);
  try {
    conn.prepare(`UPDATE "Setting" SET "value" = ? WHERE "key" = ?`).run("three", key);
  } finally {
    conn.close();
  }
  expect(await read()).toEqual([{ value: "three" }]);
  await db.setting.delete({ where: { key } });
});

(onSqlite ? it : it.skip)("within one request, another connection's commit counts from the next request on; this connection's writes at once", async () => {
  const db = testDb();
  const key = `memo-request-${Date.now()}`;
  await db.setting.create({ data: { key, value: "one" } });
  const memo: UnchangedMemo<{ value: string }> = new Map();
  const read = () => directQueryWhileUnchanged<{ value: string }>(db, memo, key, `SELECT "value" FROM "Setting" WHERE "key" = $1`, [key]);
  const { default: Database } = await import("better-sqlite3");
  const conn = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
  try {
    let reads = 0;
    await runInRequest({ id: "first" }, async () => {
      expect(await read()).toEqual([{ value: "one" }]);
      // Another connection commits while this request is being served: the request is answered
      // as of its first read (a moment inside its lifetime)...
      conn.prepare(`UPDATE "Setting" SET "value" = ? WHERE "key" = ?`).run("two", key);
      expect(await read()).toEqual([{ value: "one" }]);
      // ...but what it writes itself, it reads back.
      const direct = (await directSqlite(db))!;
      await direct.run((_, prepare) => prepare(`UPDATE "Setting" SET "value" = ? WHERE "key" = ?`).run("three", key));
      expect(await read()).toEqual([{ value: "three" }]);
      reads += 3;
    });
    conn.prepare(`UPDATE "Setting" SET "value" = ? WHERE "key" = ?`).run("four", key);
    // The next request sees the other connection's commit at once.
    await runInRequest({ id: "second" }, async () => {
      expect(await read()).toEqual([{ value: "four" }]);
      reads += 1;
    });
    // Outside any request (scripts, tests), every read looks again.
    conn.prepare(`UPDATE "Setting" SET "value" = ? WHERE "key" = ?`).run("five", key);
    expect(await read()).toEqual([{ value: "five" }]);
    expect(reads).toBe(4);
  } finally {
    conn.close();
  }
  await db.setting.delete({ where: { key } });
});
