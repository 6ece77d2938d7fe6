/**
 * The last backup's time and size live in the database, so the admin page shows them whichever
 * app process or host serves it (not only the host whose disk holds the note file).
 * Runs on the test file's database, SQLite or PostgreSQL.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, testDb, PASSWORD } from "../support/fixtures";

jest.setTimeout(120_000);

const root = path.resolve(__dirname, "../..");
const dir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-backup-record-"));
let server: TestServer;

beforeAll(async () => {
  await seedUsers();
  server = await startServer();
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await testDb().$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

test("the admin page shows the last backup from the database, without the note file on this host", async () => {
  const admin = new ApiClient(server.url);
  expect((await admin.signIn("admin@example.com", PASSWORD)).status).toBe(200);
  const before = await admin.get("/admin/backups");
  expect(before.status).toBe(200);
  // (On PostgreSQL the note file lives in ./data, which other test files' backups share.)
  if (process.env.TEST_DB_FILE) expect(before.text).toContain("No backup yet");

  const out = path.join(dir, "nightly.backup");
  // Asynchronously: a blocked test process would reuse a kept-alive socket the server has closed meanwhile.
  await promisify(execFile)(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts/backup.mts"), "--out", out], { cwd: root, env: process.env });
  // Another host has no note file beside its database: only the database says it.
  const dataDir = process.env.TEST_DB_FILE ? path.dirname(process.env.TEST_DB_FILE) : path.join(root, "data");
  rmSync(path.join(dataDir, ".last-backup.json"), { force: true });

  const row = await testDb().setting.findUniqueOrThrow({ where: { key: "ops.lastBackup" } });
  const note = JSON.parse(row.value);
  expect(note).toMatchObject({ bytes: statSync(out).size, fileName: "nightly.backup" });
  // No path of the backup host in the shared note.
  expect(row.value).not.toContain(dir);

  const after = await admin.get("/admin/backups");
  expect(after.status).toBe(200);
  expect(after.text).not.toContain("No backup yet");
  expect(after.text).toContain("nightly.backup");
  expect(after.text).toContain(note.at.replace("T", " ").slice(0, 16));
});
