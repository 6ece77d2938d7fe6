/**
 * Upstream bug (docs/upstream-bugs.md §6): with @prisma/adapter-better-sqlite3 7.10, a query made
 * OUTSIDE an interactive transaction while that transaction is open runs on the same connection,
 * inside it: it reads the transaction's uncommitted rows, and a write it makes is acknowledged and
 * then undone by the transaction's rollback. lib/db-sqlite-lock.ts makes such statements wait for
 * the open transaction to end. Both tests fail without it (checked by removing the call in
 * lib/db-client.ts). On PostgreSQL the pool gives the outside query its own connection; the same
 * expectations hold there.
 */
import { testDb } from "../support/fixtures";


/** Opens a transaction that writes `key`, and rolls it back when the returned function is called. */
async function openTransactionWriting(key: string) {
  let rollBack!: () => void;
  const gate = new Promise<void>((resolve) => (rollBack = resolve));
  let written!: () => void;
  const wrote = new Promise<void>((resolve) => (written = resolve));
  const done = testDb()
    .$transaction(async (tx) => {
      await tx.setting.create({ data: { key, value: "uncommitted" } });
      written();
      await gate;
      throw new Error("roll back");
    })
    .catch(() => "rolled back");
  await wrote;
  return async () => {
    rollBack();
    return done;
  };
}

/**
 * Starts `query` now (Prisma's promises are lazy) and gives it 200 ms: without the fix it runs at
 * once inside the open transaction; with it, it waits for the transaction to end.
 */
async function startOutside<T>(query: PromiseLike<T>): Promise<{ result: Promise<T> }> {
  const result = Promise.resolve(query);
  await Promise.race([result, new Promise((resolve) => setTimeout(resolve, 200))]);
  return { result }; // wrapped: an async function would otherwise wait for it
}

it("a read outside an open transaction does not see its uncommitted rows", async () => {
  const finish = await openTransactionWriting("isolation-read");
  const { result: seen } = await startOutside(testDb().setting.findUnique({ where: { key: "isolation-read" } }));
  expect(await finish()).toBe("rolled back");
  expect(await seen).toBeNull();
});

it("a write outside an open transaction survives that transaction's rollback", async () => {
  const finish = await openTransactionWriting("isolation-inside");
  const { result: write } = await startOutside(testDb().setting.create({ data: { key: "isolation-outside", value: "acknowledged" } }));
  expect(await finish()).toBe("rolled back");
  await write;
  expect(await testDb().setting.findUnique({ where: { key: "isolation-outside" } })).toMatchObject({ value: "acknowledged" });
  expect(await testDb().setting.findUnique({ where: { key: "isolation-inside" } })).toBeNull();
});

// SQLite only: another process's connection, as a backup noting its time or a CLI script has.
const sqliteFile = (process.env.DATABASE_URL ?? "").startsWith("file:") ? process.env.DATABASE_URL!.slice("file:".length) : null;
(sqliteFile ? it : it.skip)("a transaction that reads and then writes is not failed by another process's write in between", async () => {
  const Database = require("better-sqlite3");
  const other = new Database(sqliteFile, { timeout: 0 });
  let otherWrote: boolean | null = null;
  try {
    await testDb().$transaction(async (tx) => {
      await tx.setting.findUnique({ where: { key: "isolation-snapshot" } });
      // Without the write lock taken at BEGIN, this write goes through and the transaction's own
      // write below then fails at once (SQLITE_BUSY_SNAPSHOT).
      try {
        other.prepare(`INSERT INTO "Setting" ("key", "value") VALUES (?, ?)`).run("isolation-other", "x");
        otherWrote = true;
      } catch {
        otherWrote = false; // it waits for this transaction instead (busy timeout 0 here: refused at once)
      }
      await tx.setting.create({ data: { key: "isolation-snapshot", value: "mine" } });
    });
  } finally {
    other.close();
  }
  expect(otherWrote).toBe(false);
  expect(await testDb().setting.findUnique({ where: { key: "isolation-snapshot" } })).toMatchObject({ value: "mine" });
});
