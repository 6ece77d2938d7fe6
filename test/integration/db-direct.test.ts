/**
 * lib/db-direct.ts: synchronous work on the app's SQLite connection takes the same lock as the
 * ORM's transactions, and directQuery reads the same rows on SQLite and PostgreSQL.
 */
import { testDb } from "../support/fixtures";
import { directQuery, directSqlite, fromSqlTime } from "@/lib/db-direct";

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
