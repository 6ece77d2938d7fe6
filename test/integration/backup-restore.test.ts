/**
 * A restore drill: make data (claims, evidence, comments, reviews, audit), back up while writes
 * continue, wipe the database, restore, and compare everything acknowledged before the backup
 * started. Also: the backup holds no sessions and is readable by its owner only, and a restore
 * refuses while the app runs. Runs on the test file's database, SQLite or PostgreSQL.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, demoArticle, testDb, PASSWORD } from "../support/fixtures";

const root = path.resolve(__dirname, "../..");
const sqliteFile = process.env.TEST_DB_FILE;
const dir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-backup-"));
const backupFile = path.join(dir, "drill.backup");

function run(script: string, args: string[]): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts", script), ...args], { cwd: root, env: process.env });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (status) => resolve({ status, out }));
  });
}

const TABLES = ["user", "account", "status", "article", "articleRevision", "articleEvent", "claim", "evidence", "comment", "auditEvent", "apiToken", "notification", "setting", "invite"] as const;
type Snapshot = Record<string, Map<string, Record<string, unknown>>>;

async function snapshot(): Promise<Snapshot> {
  const db = testDb() as any;
  const out: Snapshot = {};
  for (const table of TABLES) {
    if (!db[table]) continue;
    const rows: Record<string, unknown>[] = await db[table].findMany();
    out[table] = new Map(rows.map((r) => [String(r.id ?? r.key), JSON.parse(JSON.stringify(r))]));
  }
  return out;
}

let server: TestServer;
let checker: ApiClient;
let checker2: ApiClient;
let editor: ApiClient;
let users: Awaited<ReturnType<typeof seedUsers>>;

beforeAll(async () => {
  users = await seedUsers();
  server = await startServer();
  const signedIn = async (email: string) => {
    const c = new ApiClient(server.url);
    expect((await c.signIn(email, PASSWORD)).status).toBe(200);
    return c;
  };
  [checker, checker2, editor] = await Promise.all([users.checker.email, users.checker2.email, users.editor.email].map(signedIn));
}, 60_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it("restores everything acknowledged before the backup started, while writes continued during it", async () => {
  // Data of every kind, through the API (acknowledged writes).
  const { id: articleId, body } = await demoArticle();
  const claimIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const start = body.indexOf(" ", i * 40) + 1;
    const made = await checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, start, end: start + 12, summary: `Claim ${i} — ärger` });
    expect(made.status).toBe(201);
    claimIds.push(made.body.id);
    expect((await checker.post(`/api/v1/claims/${made.body.id}/evidence`, { url: `https://evidence.example/${i}`, stance: "supports" })).status).toBe(201);
    expect((await checker.post(`/api/v1/claims/${made.body.id}/comments`, { body: `Comment ${i}` })).status).toBe(201);
    const judged = await checker.patch(`/api/v1/claims/${made.body.id}`, { version: made.body.version + 1, status: "true", rationale: "Checked." });
    expect(judged.status).toBe(200);
    expect((await editor.post(`/api/v1/claims/${made.body.id}/review`, { version: judged.body.version, decision: "approve" })).status).toBe(200);
  }
  // A second article whose one claim keeps changing during the backup.
  const busyArticle = await editor.post("/api/v1/articles", { title: "Busy", body: "A sentence that keeps being edited." });
  expect(busyArticle.status).toBe(201);
  const busy = await checker2.post(`/api/v1/articles/${busyArticle.body.id}/claims`, { revision: 1, start: 0, end: 10 });
  expect(busy.status).toBe(201);

  const before = await snapshot();
  expect(before.auditEvent.size).toBeGreaterThan(0);
  expect(await testDb().session.count()).toBeGreaterThan(0);

  let version = busy.body.version as number;
  let writing = true;
  let writesDuring = 0;
  const writer = (async () => {
    while (writing) {
      const r = await checker2.patch(`/api/v1/claims/${busy.body.id}`, { version, summary: `edit ${version}` });
      expect(r.status).toBe(200);
      version = r.body.version;
      writesDuring++;
    }
  })();
  const backup = await run("backup.mts", ["--out", backupFile]);
  writing = false;
  await writer;
  expect(backup.out).toContain("Backup written");
  expect(backup.status).toBe(0);
  expect(writesDuring).toBeGreaterThan(0);
  expect(statSync(backupFile).mode & 0o777).toBe(0o600);
  if (sqliteFile) {
    const copy = new Database(backupFile, { readonly: true });
    expect(copy.prepare(`SELECT COUNT(*) AS n FROM "Session"`).get()).toEqual({ n: 0 });
    copy.close();
  }

  // Refused while the app runs, and nothing is changed.
  const refused = await run("restore.mts", ["--from", backupFile, "--yes"]);
  expect(refused.status).not.toBe(0);
  expect(refused.out).toMatch(/app is running/);
  expect(await testDb().claim.count({ where: { id: { in: claimIds } } })).toBe(3);

  await server.stop();
  await testDb().$disconnect();
  // Wipe.
  if (sqliteFile) {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(sqliteFile + suffix, { force: true });
  } else {
    await testDb().$executeRawUnsafe("DROP SCHEMA public CASCADE");
    await testDb().$executeRawUnsafe("CREATE SCHEMA public");
    await testDb().$disconnect();
  }

  const restored = await run("restore.mts", ["--from", backupFile, "--yes"]);
  expect(restored.out).toContain("Restored");
  expect(restored.status).toBe(0);
  if (sqliteFile) {
    expect(existsSync(sqliteFile + "-wal")).toBe(false);
    expect(existsSync(sqliteFile + "-shm")).toBe(false);
  }

  const after = await snapshot();
  expect(await testDb().session.count()).toBe(0);
  for (const [table, rows] of Object.entries(before)) {
    for (const [id, row] of rows) {
      const back = after[table].get(id);
      expect({ table, id, present: back !== undefined }).toEqual({ table, id, present: true });
      if (table === "claim" && id === busy.body.id) {
        expect(Number(back!.version)).toBeGreaterThanOrEqual(Number(row.version));
      } else if (table === "article" && id === busyArticle.body.id) {
        expect(Number(back!.changeSeq)).toBeGreaterThanOrEqual(Number(row.changeSeq));
      } else {
        expect({ table, row: back }).toEqual({ table, row });
      }
    }
  }

  // The restored installation serves: passwords work (sessions did not come back).
  server = await startServer();
  const again = new ApiClient(server.url);
  expect((await again.get("/api/v1/me")).status).toBe(401);
  expect((await again.signIn(users.checker.email, PASSWORD)).status).toBe(200);
  const claim = await again.get(`/api/v1/claims/${claimIds[0]}`);
  expect(claim.body).toMatchObject({ status: "true", reviewState: "approved" });
  expect(claim.body.evidence).toHaveLength(1);
  expect(claim.body.comments).toHaveLength(1);
}, 180_000);
