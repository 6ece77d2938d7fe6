/**
 * `npm run db:migration -- <name>`: writes the next migration for BOTH databases from the change
 * in schema.prisma: prisma/migrations/ (SQLite) and prisma/migrations-postgresql/ (PostgreSQL).
 * Each is the difference between that folder's migrations and the schema, so after a merge that
 * brought SQLite migrations only, running it writes just the PostgreSQL catch-up.
 * PostgreSQL needs a server for the replay: MIGRATION_POSTGRES_URL (a database on a server where
 * this role may create databases), else a scratch server from the local PostgreSQL binaries.
 */
import { writeMigration } from "./migrator.mts";
import { startScratchPostgres, type ScratchPostgres } from "./pg-scratch.mts";

const name = process.argv[2];
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}
// One timestamp for both, so the two folders of one change share a name.
const at = new Date();
const sqlite = await writeMigration(name, "sqlite", undefined, at);
console.log(sqlite ? `SQLite: wrote ${sqlite}/migration.sql` : "SQLite: the schema matches the migrations, nothing to write.");

let scratch: ScratchPostgres | undefined;
try {
  let adminUrl = process.env.MIGRATION_POSTGRES_URL;
  if (!adminUrl) {
    scratch = await startScratchPostgres();
    adminUrl = scratch.adminUrl;
  }
  const postgres = await writeMigration(name, "postgresql", { adminUrl }, at);
  console.log(postgres ? `PostgreSQL: wrote ${postgres}/migration.sql` : "PostgreSQL: the schema matches the migrations, nothing to write.");
  if (sqlite || postgres) {
    console.log("Check the SQL. Hand-written SQL (triggers, data moves) is not derived from the schema: write it for each database.");
  }
} catch (error) {
  console.error(`PostgreSQL: no migration written: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  scratch?.stop();
}
