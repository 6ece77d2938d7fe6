/**
 * `npm start`: migrate and seed the database (SQLite file or PostgreSQL server, from DATABASE_URL), make sure there is an auth secret and a
 * current build, then serve it (scripts/serve.mjs) on PORT (default 3000).
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync, mkdirSync, chmodSync } from "node:fs";
import path from "node:path";
import { applyPendingMigrations, databaseTarget } from "../prisma/migrator.mts";
import { redactDatabaseUrl, type DatabaseTarget } from "../prisma/database-url.ts";
import { buildIsCurrent } from "./build-digest.mts";
import { makeDatabasePrivate } from "../lib/security/db-files.ts";

// Everything this process creates (the database, its WAL files, the secret) is private to the
// account running the app.
process.umask(0o077);
const root = process.cwd();
const port = process.env.PORT ?? "3000";
process.env.PORT = port;

function log(message: string) {
  console.log(`[start] ${message}`);
}

let target: DatabaseTarget;
try {
  target = databaseTarget();
} catch (error) {
  // A URL the app cannot serve is refused here, before anything is created anywhere.
  console.error(`[start] ${(error as Error).message}`);
  process.exit(1);
}
const dbName = target.dialect === "sqlite" ? target.path : redactDatabaseUrl(target.url);
let applied: string[];
try {
  applied = await applyPendingMigrations(target);
} catch (error) {
  const text = String((error as Error)?.message ?? error);
  console.error(
    target.dialect === "sqlite" && /locked|BUSY|SocketTimeout/i.test(text)
      ? `[start] The database ${dbName} is in use by another process. Is the app already running? Stop it, or set DATABASE_URL to another file.`
      : `[start] Could not migrate the database ${dbName}:\n${text}`,
  );
  process.exit(1);
}
log(applied.length ? `applied ${applied.length} migration(s)` : "database schema is current");
// Also for a database made before this rule, or by another tool: the file and its directory
// hold password hashes and session tokens, so only the app's own account may read them.
if (target.dialect === "sqlite") makeDatabasePrivate(target.path);

const { createPrismaClient } = await import("../lib/db-client.ts");
const { seed } = await import("../prisma/seed-data.mts");
const db = createPrismaClient();
let seeded: string[];
try {
  seeded = await seed(db);
} catch (error) {
  // Bad seed settings (an admin password the policy refuses, an email that is not one) are the
  // operator's to fix: say which and why, without a stack trace.
  const { AppError } = await import("../lib/errors.ts");
  if (!(error instanceof AppError)) throw error;
  const fields = (error.details as { fields?: Record<string, string> } | undefined)?.fields ?? {};
  const why = Object.entries(fields).filter(([, text]) => text !== error.message).map(([field, text]) => `\n  ${field}: ${text}`).join("");
  console.error(`[start] Could not create the first admin from SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD: ${error.message}${why}`);
  await db.$disconnect();
  process.exit(1);
}
const users = await db.user.count();
await db.$disconnect();
if (seeded.length) log(`seeded ${seeded.join(", ")}`);

if (!process.env.BETTER_AUTH_SECRET) {
  // A per-installation secret kept beside the database (./data for PostgreSQL), made on first start.
  // Several app processes on one PostgreSQL database must share it: set BETTER_AUTH_SECRET for them.
  const secretFile = path.join(target.dialect === "sqlite" ? path.dirname(target.path) : path.join(root, "data"), ".auth-secret");
  if (!existsSync(secretFile)) {
    mkdirSync(path.dirname(secretFile), { recursive: true });
    writeFileSync(secretFile, randomBytes(32).toString("base64url"));
    chmodSync(secretFile, 0o600);
  }
  process.env.BETTER_AUTH_SECRET = readFileSync(secretFile, "utf8").trim();
}

if (!buildIsCurrent()) {
  log("building the app (first start, or the sources changed)...");
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const build = spawnSync(process.execPath, [tsx, path.join(root, "scripts", "build.mts")], { stdio: "inherit", env: process.env });
  if (build.status !== 0) {
    console.error("[start] the build failed");
    process.exit(build.status ?? 1);
  }
}

log(`serving on http://localhost:${port}${users === 0 ? ` (no users yet: open http://localhost:${port}/setup to create the first admin)` : ""}`);
const server = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs")], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
