/**
 * `npm run restore -- --from <file> [--yes]`: puts a backup in place of the database, after a
 * confirmation (--yes for scripts). Refuses while the app runs; keeps a copy of what it replaces.
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { classifyDatabaseUrl, redactDatabaseUrl } from "../prisma/database-url.ts";
import { restoreDatabase } from "./backup-core.mts";

const { values } = parseArgs({ options: { from: { type: "string" }, yes: { type: "boolean", default: false } } });
if (!values.from) {
  console.error("usage: npm run restore -- --from <file> [--yes]");
  process.exit(2);
}
let where: string;
try {
  const target = classifyDatabaseUrl(process.env.DATABASE_URL);
  where = target.dialect === "sqlite" ? target.path : redactDatabaseUrl(target.url);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
if (!values.yes) {
  if (!process.stdin.isTTY) {
    console.error("Restoring replaces the whole database: confirm with --yes when not running interactively.");
    process.exit(2);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`This replaces everything in ${where} with ${values.from}. Type "restore" to go on: `);
  rl.close();
  if (answer.trim() !== "restore") {
    console.log("Nothing was changed.");
    process.exit(1);
  }
}
try {
  const result = await restoreDatabase(values.from);
  console.log(`Restored ${values.from} into ${where}.`);
  if (result.keptCopy) console.log(`What it replaced is kept in ${result.keptCopy}.`);
  if (result.secretRestored) console.log("The backup's auth secret was put back (the one it replaced is kept beside it).");
  for (const warning of result.warnings) console.warn(`Warning: ${warning}`);
  console.log("Start the app (npm start): it applies any newer migrations.");
} catch (error) {
  console.error(`Restore failed: ${(error as Error).message}`);
  process.exit(1);
}
