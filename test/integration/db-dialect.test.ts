/**
 * Database errors a request can cause read the same on SQLite and PostgreSQL (this file runs in
 * both integration passes): real errors from the test file's database, mapped to the API's errors.
 */
import { mapDatabaseError, databaseDialect } from "@/lib/db-dialect";
import { testDb } from "../support/fixtures";

const email = "dialect@example.com";
beforeAll(async () => {
  await testDb().user.create({ data: { id: "dialect-user", name: "Dialect", email } });
}, 60_000);

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the database to refuse");
}

it("knows which database it runs on", () => {
  expect(databaseDialect()).toBe(process.env.TEST_POSTGRES_URL ? "postgresql" : "sqlite");
});

it("maps a unique violation to 409 already_exists", async () => {
  const error = await errorOf(testDb().user.create({ data: { id: "dup", name: "Dup", email } }));
  expect(mapDatabaseError(error)).toMatchObject({ status: 409, code: "already_exists" });
});

it("maps a missing row to 404 and a dangling reference to 422", async () => {
  expect(mapDatabaseError(await errorOf(testDb().claim.update({ where: { id: "gone" }, data: { summary: "x" } })))).toMatchObject({ status: 404 });
  const error = await errorOf(testDb().comment.create({ data: { claimId: "no-such-claim", body: "x" } }));
  expect(mapDatabaseError(error)).toMatchObject({ status: 422, code: "validation_failed" });
});

it("keeps the audit log append-only, and leaves that refusal unmapped (it is a bug, not bad input)", async () => {
  const event = await testDb().auditEvent.create({ data: { action: "test.event", objectType: "test", objectId: "1" } });
  const error = await errorOf(testDb().auditEvent.update({ where: { id: event.id }, data: { action: "forged" } }));
  expect(String((error as Error).message)).toMatch(/append-only/);
  expect(mapDatabaseError(error)).toBeNull();
  expect(String(((await errorOf(testDb().auditEvent.deleteMany({}))) as Error).message)).toMatch(/append-only/);
});

it("leaves other errors alone", () => {
  expect(mapDatabaseError(new Error("boom"))).toBeNull();
  expect(mapDatabaseError(null)).toBeNull();
});
