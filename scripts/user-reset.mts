/**
 * npm run user:reset -- <email> [--no-2fa]
 * For an operator on the server when someone (an admin, say) is locked out: sets a new password
 * read from a hidden prompt or stdin (never argv), clears the account's sign-in throttle, ends
 * its sessions and, with --no-2fa, removes its second factor. Audited.
 */
import { readPassword } from "./read-password.mts";
import { createPrismaClient } from "../lib/db-client.ts";
import { resetAccount } from "../lib/users/reset.ts";
import { isAppError } from "../lib/errors.ts";

const args = process.argv.slice(2);
const removeTwoFactor = args.includes("--no-2fa");
const [email] = args.filter((a) => !a.startsWith("--"));
if (!email || args.some((a) => a.startsWith("--") && a !== "--no-2fa")) {
  console.error("usage: npm run user:reset -- <email> [--no-2fa]\n(the new password is read from a prompt or stdin)");
  process.exit(2);
}


const password = await readPassword("New password");
// No migration here: this runs beside a live server (which migrated at its start) when someone is locked out.
const db = createPrismaClient();
try {
  const result = await resetAccount(db, email, password, { removeTwoFactor });
  console.log(
    `Reset ${email}: new password set, sign-in throttle cleared, ${result.endedSessions} session(s) ended` +
      (removeTwoFactor ? `, second factor ${result.removedTwoFactor ? "removed" : "was not set up"}.` : "."),
  );
} catch (error) {
  console.error(isAppError(error) ? `Not reset: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
