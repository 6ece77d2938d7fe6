/**
 * `npm start` (scripts/start.mts) with seed settings it cannot use: the operator reads what is
 * wrong and what to change, not a stack trace, and the app does not start.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

jest.setTimeout(120_000);

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");
const dir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-start-seed-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("refuses a first-admin password the policy refuses, saying why, without a stack trace", () => {
  const r = spawnSync(process.execPath, [tsx, path.join(root, "scripts/start.mts")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "app.db")}`, SEED_ADMIN_EMAIL: "chief@example.com", SEED_ADMIN_PASSWORD: "short", PORT: "0" },
    encoding: "utf8",
    timeout: 100_000,
  });
  const out = `${r.stdout}\n${r.stderr}`;
  expect(r.status).toBe(1);
  expect(out).toContain("Could not create the first admin from SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD");
  expect(out).toMatch(/SEED_ADMIN_PASSWORD: .*at least 12 characters/);
  expect(out).not.toMatch(/^\s+at /m);
  expect(out).not.toContain("Ready on");
});
