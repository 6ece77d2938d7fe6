/**
 * `npm start`: migrate and seed the SQLite database, make sure there is an auth secret and a
 * current build, then serve it (scripts/serve.mjs) on PORT (default 3000).
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync, mkdirSync, readdirSync, statSync, chmodSync } from "node:fs";
import path from "node:path";
import { applyPendingMigrations, databasePath } from "../prisma/migrator.mts";

const root = process.cwd();
const port = process.env.PORT ?? "3000";
process.env.PORT = port;

function log(message: string) {
  console.log(`[start] ${message}`);
}

/** A digest of everything the build depends on, so a stale build is rebuilt. */
export function sourceDigest(): string {
  const hash = createHash("sha256");
  const include = ["app", "components", "lib", "public", "next.config.js", "postcss.config.mjs", "package-lock.json", "tsconfig.json", "prisma/schema.prisma"];
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      if (p.endsWith(path.join("lib", "generated"))) return;
      for (const name of readdirSync(p).sort()) walk(path.join(p, name));
    } else {
      hash.update(path.relative(root, p)).update(readFileSync(p));
    }
  };
  include.forEach((p) => walk(path.join(root, p)));
  return hash.digest("hex");
}

const dbFile = databasePath();
const applied = await applyPendingMigrations(dbFile);
log(applied.length ? `applied ${applied.length} migration(s)` : "database schema is current");

const { createPrismaClient } = await import("../lib/db-client.ts");
const { seed } = await import("../prisma/seed-data.mts");
const db = createPrismaClient();
const seeded = await seed(db);
const users = await db.user.count();
await db.$disconnect();
if (seeded.length) log(`seeded ${seeded.join(", ")}`);

if (!process.env.BETTER_AUTH_SECRET) {
  // A per-installation secret kept beside the database, made on first start.
  const secretFile = path.join(path.dirname(dbFile), ".auth-secret");
  if (!existsSync(secretFile)) {
    mkdirSync(path.dirname(secretFile), { recursive: true });
    writeFileSync(secretFile, randomBytes(32).toString("base64url"));
    chmodSync(secretFile, 0o600);
  }
  process.env.BETTER_AUTH_SECRET = readFileSync(secretFile, "utf8").trim();
}

const stampFile = path.join(root, ".next", "claimcheck-build-digest");
const digest = sourceDigest();
if (!existsSync(stampFile) || readFileSync(stampFile, "utf8") !== digest) {
  log("building the app (first start or sources changed)...");
  const build = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) {
    console.error("[start] the build failed");
    process.exit(build.status ?? 1);
  }
  writeFileSync(stampFile, digest);
}

log(`serving on http://localhost:${port}${users === 0 ? ` (no users yet: open http://localhost:${port}/setup to create the first admin)` : ""}`);
const server = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs")], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
