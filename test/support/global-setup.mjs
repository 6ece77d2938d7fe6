// Builds one migrated and seeded database (status scale + demo article, no users) that each
// integration test file copies into a fresh database of its own (see integration-env.js):
// a SQLite file, or, with TEST_POSTGRES_URL set (a database on a server where this role may create
// databases), a PostgreSQL template database.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export const PG_TEMPLATE = "claimcheck_test_template";

function seedInto(url) {
  const result = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "prisma/seed.mts"], {
    env: { ...process.env, DATABASE_URL: url, SEED_ADMIN_EMAIL: "", SEED_ADMIN_PASSWORD: "" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`Could not prepare the test database:\n${result.stdout}\n${result.stderr}`);
}

function urlFor(adminUrl, database) {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function globalSetup() {
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      // Databases left by earlier runs (one per test file), and the old template.
      const { rows } = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'claimcheck\\_it\\_%' OR datname = $1", [PG_TEMPLATE]);
      for (const { datname } of rows) await admin.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${PG_TEMPLATE}"`);
    } finally {
      await admin.end();
    }
    seedInto(urlFor(adminUrl, PG_TEMPLATE));
    return;
  }
  const dir = path.resolve("node_modules/.cache/claimcheck-tests");
  mkdirSync(dir, { recursive: true });
  const template = path.join(dir, "template.db");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(template + suffix, { force: true });
  seedInto(`file:${template}`);
}
