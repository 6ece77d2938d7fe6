/** `npm run backup -- --out <file>`: a consistent backup of the database, safe while the app runs. */
import { parseArgs } from "node:util";
import { backupDatabase } from "./backup-core.mts";

const { values } = parseArgs({ options: { out: { type: "string" } } });
if (!values.out) {
  console.error("usage: npm run backup -- --out <file>");
  process.exit(2);
}
try {
  const info = await backupDatabase(values.out);
  console.log(`Backup written to ${info.file} (${info.bytes} bytes, ${info.dialect}), readable by its owner only. Sessions are not in it: everyone signs in again after a restore.`);
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
