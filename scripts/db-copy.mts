/** `npm run db:copy -- --from <url> --to <url>`: moves an installation, e.g. SQLite → PostgreSQL. See db-copy-core.mts. */
import { parseArgs } from "node:util";
import { copyDatabase } from "./db-copy-core.mts";

const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } });
if (!values.from || !values.to) {
  console.error("usage: npm run db:copy -- --from file:./data/claims.db --to postgresql://user:password@host:5432/claimcheck");
  process.exit(2);
}
try {
  const report = await copyDatabase(values.from, values.to, (line) => console.log(`copied ${line}`));
  for (const t of report) console.log(`verified ${t.table}: ${t.rows} row(s), sha256 ${t.sha256.slice(0, 16)}…`);
  console.log("Done. Stop the old installation for good, and start the app with the new DATABASE_URL (and the same BETTER_AUTH_SECRET or .auth-secret).");
} catch (error) {
  console.error(`db:copy failed: ${(error as Error).message}`);
  process.exit(1);
}
