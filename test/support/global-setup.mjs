// Builds one migrated and seeded SQLite file (status scale + demo article, no users) that each
// integration test file copies into a fresh file of its own (see integration-env.js).
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export default async function globalSetup() {
  const dir = path.resolve("node_modules/.cache/claimcheck-tests");
  mkdirSync(dir, { recursive: true });
  const template = path.join(dir, "template.db");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(template + suffix, { force: true });
  const result = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "prisma/seed.mts"], {
    env: { ...process.env, DATABASE_URL: `file:${template}`, SEED_ADMIN_EMAIL: "", SEED_ADMIN_PASSWORD: "" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`Could not prepare the test database:\n${result.stdout}\n${result.stderr}`);
}
