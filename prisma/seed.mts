import { createPrismaClient } from "../lib/db-client.ts";
import { applyPendingMigrations, databaseTarget } from "./migrator.mts";
import { seed } from "./seed-data.mts";

await applyPendingMigrations(databaseTarget());
const db = createPrismaClient();
const done = await seed(db);
console.log(done.length ? `Seeded: ${done.join(", ")}.` : "Nothing to seed.");
await db.$disconnect();
