import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { databaseDialect } from "@/lib/db-dialect";

export type Readiness = { ready: boolean; database: "ok" | "unreachable"; pendingMigrations: number | null };

// Migrations never un-apply while the app runs: once current, that is not asked again.
let migrationsCurrent = false;

async function expectedMigrations(): Promise<string[]> {
  const folder = databaseDialect() === "postgresql" ? "migrations-postgresql" : "migrations";
  const entries = await readdir(path.join(process.cwd(), "prisma", folder), { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}

/** For a load balancer: is the database reachable, and are this release's migrations applied? */
export async function checkReadiness(): Promise<Readiness> {
  try {
    await db.$queryRaw`SELECT 1`;
  } catch {
    return { ready: false, database: "unreachable", pendingMigrations: null };
  }
  if (migrationsCurrent) return { ready: true, database: "ok", pendingMigrations: 0 };
  try {
    const rows = await db.$queryRaw<{ name: string }[]>`
      SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((r) => r.name));
    const pending = (await expectedMigrations()).filter((name) => !applied.has(name)).length;
    migrationsCurrent = pending === 0;
    return { ready: migrationsCurrent, database: "ok", pendingMigrations: pending };
  } catch {
    return { ready: false, database: "ok", pendingMigrations: null };
  }
}
