// Runs before each integration test file: a fresh copy of the template database of its own.
const { copyFileSync, mkdtempSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");
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
process.env.BETTER_AUTH_SECRET = process.env.BETTER_AUTH_SECRET || "test-secret-of-sufficient-length-0123456789";
process.env.TEST_DB_FILE = file;
