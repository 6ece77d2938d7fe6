import { writeMigration } from "./migrator.mts";

const name = process.argv[2];
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}
const dir = await writeMigration(name);
console.log(dir ? `Wrote ${dir}/migration.sql` : "The schema matches the migrations: nothing to write.");
