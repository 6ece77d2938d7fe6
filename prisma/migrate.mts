import { applyPendingMigrations, databaseTarget } from "./migrator.mts";

let target;
try {
  target = databaseTarget();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const applied = await applyPendingMigrations(target);
console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
