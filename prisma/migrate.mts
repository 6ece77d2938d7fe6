import { applyPendingMigrations, databasePath } from "./migrator.mts";

const db = databasePath();
const applied = await applyPendingMigrations(db);
console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
