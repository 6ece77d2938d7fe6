/**
 * Moving an installation with `npm run db:copy`: from a SQLite file to PostgreSQL (when the suite
 * has a PostgreSQL server, TEST_POSTGRES_URL) or to another SQLite file; every table arrives,
 * verified, and a target that already holds data is refused.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "@/lib/db-client";
import { createAccount } from "@/lib/users/accounts";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");
const dir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-copy-"));
const from = `file:${path.join(dir, "source.db")}`;
let to = `file:${path.join(dir, "target.db")}`;

function tsxRun(script: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [tsx, path.join(root, script), ...args], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

beforeAll(async () => {
  expect(tsxRun("prisma/seed.mts", [], { DATABASE_URL: from, SEED_ADMIN_EMAIL: "", SEED_ADMIN_PASSWORD: "" }).status).toBe(0);
  const db = createPrismaClient(from);
  const user = await createAccount(db, { email: "mover@example.com", name: "Zoë Mover", role: "editor", password: "a long enough test passphrase" }, null);
  const article = await db.article.findFirstOrThrow();
  const claim = await db.claim.create({
    data: { articleId: article.id, number: 1, start: 0, end: 5, quote: article.body.slice(0, 5), prefix: "", suffix: "", summary: "Ärger über 東京", createdById: user.id },
  });
  await db.evidence.create({ data: { claimId: claim.id, url: "https://e.example/1", stance: "supports", addedById: user.id } });
  await db.comment.create({ data: { claimId: claim.id, body: "Ça va", authorId: user.id } });
  await db.auditEvent.create({ data: { actorId: user.id, action: "claim.create", objectType: "claim", objectId: claim.id, after: "{}" } });
  await db.$disconnect();
  if (process.env.TEST_POSTGRES_URL) {
    const name = `claimcheck_it_copy_${process.pid}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(process.env.TEST_POSTGRES_URL);
    u.pathname = `/${name}`;
    to = u.toString();
  }
}, 120_000);

it("copies every table and verifies counts and checksums; refuses a target that holds data", async () => {
  const copied = tsxRun("scripts/db-copy.mts", ["--from", from, "--to", to]);
  expect(copied.out).toMatch(/verified Claim: 1 row\(s\)/);
  expect(copied.status).toBe(0);
  for (const table of ["User", "Account", "Status", "Article", "ArticleRevision", "Claim", "Evidence", "Comment", "AuditEvent"]) {
    expect(copied.out).toMatch(new RegExp(`verified ${table}: [1-9]\\d* row`));
  }
  const target = createPrismaClient(to);
  try {
    const claim = await target.claim.findFirstOrThrow({ include: { evidence: true, comments: true } });
    expect(claim.summary).toBe("Ärger über 東京");
    expect(claim.evidence).toHaveLength(1);
    expect(claim.comments[0].body).toBe("Ça va");
    const mover = await target.user.findFirstOrThrow({ where: { email: "mover@example.com" } });
    expect(mover.name).toBe("Zoë Mover");
    // The app's client leaves secrets out of results; the copy must still carry them.
    const account = await target.account.findFirstOrThrow({ where: { userId: mover.id }, select: { password: true } });
    expect(account.password).toMatch(/^\$argon2id\$/);
  } finally {
    await target.$disconnect();
  }
  const again = tsxRun("scripts/db-copy.mts", ["--from", from, "--to", to]);
  expect(again.status).not.toBe(0);
  expect(again.out).toMatch(/already holds data/);
}, 180_000);
