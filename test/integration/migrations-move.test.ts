/**
 * An installation moves or is upgraded: the database made by a checkout in folder A is opened by
 * a checkout of the next release in folder B (the normal upgrade: unpack, keep DATABASE_URL).
 * Only B's new migration may run, and the data must come through intact.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");
const shipped = readdirSync(path.join(root, "prisma/migrations"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const NEXT = "29991231000000_next_release";

/** A checkout of the app in its own folder: the prisma folder, and node_modules linked in. */
function checkout(withNextRelease: boolean): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-checkout-"));
  cpSync(path.join(root, "prisma"), path.join(dir, "prisma"), { recursive: true });
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  if (withNextRelease) {
    mkdirSync(path.join(dir, "prisma/migrations", NEXT));
    writeFileSync(path.join(dir, "prisma/migrations", NEXT, "migration.sql"), 'CREATE TABLE "NextRelease" ("id" TEXT NOT NULL PRIMARY KEY);\n');
  }
  return dir;
}

function migrate(dir: string, dbFile: string) {
  const run = spawnSync(process.execPath, [tsx, path.join(dir, "prisma/migrate.mts")], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
    encoding: "utf8",
  });
  return { status: run.status, out: `${run.stdout}\n${run.stderr}` };
}

function history(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  const rows = db
    .prepare("SELECT migration_name AS name, finished_at AS finished, rolled_back_at AS rolledBack FROM _prisma_migrations ORDER BY migration_name")
    .all() as { name: string; finished: unknown; rolledBack: unknown }[];
  db.close();
  return rows;
}

function addArticle(dbFile: string) {
  const db = new Database(dbFile);
  db.prepare(`INSERT INTO "Article" (id, title, body, revision, createdAt, updatedAt) VALUES ('moved-1', 'Kept', 'Text that must survive.', 1, 0, 0)`).run();
  db.close();
}

function articleTitle(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  const row = db.prepare(`SELECT title FROM "Article" WHERE id = 'moved-1'`).get() as { title: string } | undefined;
  db.close();
  return row?.title;
}

jest.setTimeout(120_000);

test("a database made in folder A is upgraded by a release in folder B: only the new migration runs", () => {
  const a = checkout(false);
  const b = checkout(true);
  const dbFile = path.join(mkdtempSync(path.join(os.tmpdir(), "claimcheck-moved-db-")), "claims.db");

  const first = migrate(a, dbFile);
  expect(first.status).toBe(0);
  expect(history(dbFile).map((r) => r.name)).toEqual(shipped);
  addArticle(dbFile);

  const second = migrate(b, dbFile);
  expect(second.out).toContain(`Applied 1 migration(s): ${NEXT}`);
  expect(second.status).toBe(0);
  expect(history(dbFile).map((r) => r.name)).toEqual([...shipped, NEXT]);
  expect(history(dbFile).every((r) => r.finished !== null)).toBe(true);
  expect(articleTitle(dbFile)).toBe("Kept");
});

test("a database that recorded absolute paths (and a false failure from a second checkout) is repaired without re-running anything", () => {
  const a = checkout(false);
  const b = checkout(true);
  const dbFile = path.join(mkdtempSync(path.join(os.tmpdir(), "claimcheck-moved-db-")), "claims.db");
  expect(migrate(a, dbFile).status).toBe(0);
  addArticle(dbFile);

  // What earlier releases left behind: names under checkout A's absolute path, and a failed row
  // from checkout C re-applying the first migration.
  const db = new Database(dbFile);
  db.prepare("UPDATE _prisma_migrations SET migration_name = ? || '/prisma/migrations/' || migration_name").run(a);
  db.prepare(
    `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at, finished_at, rolled_back_at, applied_steps_count)
     VALUES ('failed-by-move', 'x', ?, 'table "User" already exists', 0, NULL, NULL, 0)`,
  ).run(`/somewhere/else/prisma/migrations/${shipped[0]}`);
  db.close();

  const upgrade = migrate(b, dbFile);
  expect(upgrade.out).toContain("Migration history repaired");
  expect(upgrade.out).toContain(`Applied 1 migration(s): ${NEXT}`);
  expect(upgrade.status).toBe(0);
  const rows = history(dbFile);
  expect(rows.map((r) => r.name)).toEqual([...shipped, NEXT]);
  expect(rows.every((r) => r.finished !== null && r.rolledBack === null)).toBe(true);
  expect(articleTitle(dbFile)).toBe("Kept");

  // And the next start is a no-op.
  const again = migrate(b, dbFile);
  expect(again.status).toBe(0);
  expect(again.out).toContain("Database is up to date.");
});
