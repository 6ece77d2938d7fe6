/**
 * npm run user:add -- <email> <name> <role>
 * The password is read from a hidden prompt, or from stdin when piped; never from argv, where
 * it would land in shell history and process listings.
 */
import { readPassword } from "./read-password.mts";
import { applyPendingMigrations, databaseTarget } from "../prisma/migrator.mts";
import { createPrismaClient } from "../lib/db-client.ts";
import { createAccount } from "../lib/users/accounts.ts";
import { ROLES, type Role } from "../lib/permissions.ts";
import { isAppError } from "../lib/errors.ts";

const [email, name, role] = process.argv.slice(2);
if (!email || !name || !role || !(ROLES as readonly string[]).includes(role)) {
  console.error(`usage: npm run user:add -- <email> <name> <${ROLES.join("|")}>\n(the password is read from a prompt or stdin)`);
  process.exit(2);
}


const password = await readPassword("Password");
await applyPendingMigrations(databaseTarget());
const db = createPrismaClient();
try {
  const user = await createAccount(db, { email, name, role: role as Role, password }, null);
  console.log(`Created ${user.role} ${user.name} <${user.email}>.`);
} catch (error) {
  console.error(isAppError(error) ? `Not created: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
