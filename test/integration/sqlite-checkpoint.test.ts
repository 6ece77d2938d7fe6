/**
 * lib/db-checkpoint.ts: the app's SQLite connection leaves WAL checkpoints to a background worker,
 * which copies committed pages into the database file soon after a commit. SQLite's own
 * checkpoint would wait for 1,000 pages of log; the 300 KB written here is far below that, so the
 * database file grows only through the worker.
 */
import { statSync } from "node:fs";
import { testDb } from "../support/fixtures";
import { directSqlite } from "@/lib/db-direct";
import { hasBackgroundCheckpointer } from "@/lib/db-checkpoint";

const onSqlite = !process.env.DATABASE_URL?.startsWith("postgres");
// As scripts/serve.mjs sets it for the server.
process.env.SQLITE_CHECKPOINTS = "background";
const file = () => process.env.DATABASE_URL!.replace(/^file:/, "");

(onSqlite ? it : it.skip)("committed writes reach the database file without a checkpoint on the app's connection", async () => {
  const db = testDb();
  await db.setting.findFirst(); // connects
  expect(hasBackgroundCheckpointer(file())).toBe(true);
  const direct = await directSqlite(db);
  expect(Number(await direct!.run((connection) => connection.pragma("wal_autocheckpoint", { simple: true })))).toBe(0);
  const before = statSync(file()).size;
  const value = "x".repeat(3000);
  await db.setting.createMany({ data: Array.from({ length: 100 }, (_, i) => ({ key: `checkpoint-${i}`, value })) });
  let after = statSync(file()).size;
  for (let i = 0; i < 100 && after <= before; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    after = statSync(file()).size;
  }
  expect(after).toBeGreaterThan(before + 250_000);
  expect(await db.setting.count({ where: { key: { startsWith: "checkpoint-" } } })).toBe(100);
});
