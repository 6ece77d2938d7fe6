/** Test data helpers that write straight to this test file's SQLite database. */
import { createPrismaClient } from "@/lib/db-client";
import { createAccount } from "@/lib/users/accounts";
import type { Role } from "@/lib/permissions";

export const PASSWORD = "a long enough test passphrase";

let client: ReturnType<typeof createPrismaClient> | null = null;

/** A Prisma client on this test file's database (separate from the app's). */
export function testDb() {
  client ??= createPrismaClient(process.env.DATABASE_URL);
  return client;
}

/** Creates one user per role (admin, editor, checker, viewer) plus a second editor and checker. */
export async function seedUsers() {
  const make = (role: Role, name: string) => createAccount(testDb(), { email: `${name}@example.com`, name, role, password: PASSWORD }, null);
  return {
    admin: await make("admin", "admin"),
    editor: await make("editor", "editor"),
    editor2: await make("editor", "editor2"),
    checker: await make("checker", "checker"),
    checker2: await make("checker", "checker2"),
    viewer: await make("viewer", "viewer"),
  };
}

/** The demo article the template database is seeded with. */
export async function demoArticle() {
  return testDb().article.findFirstOrThrow({ select: { id: true, body: true } });
}
