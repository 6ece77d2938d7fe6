// Runs before each integration test file: a fresh copy of the template database of its own.
// SQLite: a copy of the template file. PostgreSQL (TEST_POSTGRES_URL): a database created from
// the template database (CREATE DATABASE … TEMPLATE, a file-level copy, fast).
const { copyFileSync, mkdtempSync } = require("node:fs");
const { spawnSync } = require("node:child_process");
const os = require("node:os");
const path = require("node:path");

process.env.BETTER_AUTH_SECRET = process.env.BETTER_AUTH_SECRET || "test-secret-of-sufficient-length-0123456789";

if (process.env.TEST_POSTGRES_URL) {
  const name = `claimcheck_it_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  // Setup files run synchronously: the database is made by a short child process.
  const script = `
    const pg = require("pg");
    (async () => {
      for (let attempt = 0; ; attempt++) {
        const c = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
        await c.connect();
        try { await c.query('CREATE DATABASE "${name}" TEMPLATE "claimcheck_test_template"'); return; }
        catch (e) { if (attempt > 20 || !/being accessed/.test(e.message)) throw e; await new Promise(r => setTimeout(r, 100)); }
        finally { await c.end(); }
      }
    })().catch((e) => { console.error(e.message); process.exit(1); });`;
  const made = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", env: process.env });
  if (made.status !== 0) throw new Error(`Could not create the test database ${name}: ${made.stderr}`);
  const url = new URL(process.env.TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  delete process.env.TEST_DB_FILE;
} else {
  const Database = require("better-sqlite3");
  const template = path.resolve("node_modules/.cache/claimcheck-tests/template.db");
  const dir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-it-"));
  const file = path.join(dir, "test.db");
  // Checkpoint the template's WAL so the copied file is complete on its own.
  const t = new Database(template);
  t.pragma("wal_checkpoint(TRUNCATE)");
  t.close();
  copyFileSync(template, file);
  process.env.DATABASE_URL = `file:${file}`;
  process.env.TEST_DB_FILE = file;
}
