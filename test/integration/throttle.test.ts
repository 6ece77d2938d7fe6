/**
 * The sign-in throttle's store, against this test file's real SQLite database: reservations are
 * counted before any hashing, state is shared by every client of the database, and a locked key
 * is never forgotten early.
 */
import { testDb } from "../support/fixtures";
import { createPrismaClient } from "@/lib/db-client";
import {
  ACCOUNT_RULE,
  CLIENT_RULE,
  lockedFor,
  pruneThrottle,
  releaseAttempt,
  reserveAttempt,
  reserveSignIn,
  resetThrottle,
} from "@/lib/security/throttle";

jest.setTimeout(60_000);

const MINUTE = 60_000;
const T0 = Date.UTC(2030, 0, 1);
const rule = { prefix: "t", maxFailures: 3, windowMs: 10 * MINUTE, lockoutMs: 5 * MINUTE };

afterAll(async () => {
  await testDb().$disconnect();
});

it("allows maxFailures tries, locks with a rounded-up Retry-After, and unlocks after the lockout", async () => {
  const db = testDb();
  for (let i = 0; i < 3; i++) expect(await reserveAttempt(db, rule, "a", T0 + i)).toEqual({ allowed: true });
  expect(await reserveAttempt(db, rule, "a", T0 + 2)).toEqual({ allowed: false, retryAfterSeconds: 300 });
  expect(await reserveAttempt(db, rule, "a", T0 + 1500)).toEqual({ allowed: false, retryAfterSeconds: 299 });
  expect(await lockedFor(db, rule, "a", T0 + 5 * MINUTE)).toBe(1);
  expect(await reserveAttempt(db, rule, "a", T0 + 5 * MINUTE + 2)).toEqual({ allowed: true });
});

it("starts a new window once the old one has passed", async () => {
  const db = testDb();
  await reserveAttempt(db, rule, "w", T0);
  await reserveAttempt(db, rule, "w", T0 + 1);
  expect(await reserveAttempt(db, rule, "w", T0 + 11 * MINUTE)).toEqual({ allowed: true });
  expect(await reserveAttempt(db, rule, "w", T0 + 11 * MINUTE + 1)).toEqual({ allowed: true });
  expect(await lockedFor(db, rule, "w", T0 + 11 * MINUTE + 2)).toBeNull();
});

it("gives exactly maxFailures of 30 parallel reservations, from two database connections at once", async () => {
  const other = createPrismaClient(process.env.DATABASE_URL);
  try {
    const tries = Array.from({ length: 30 }, (_, i) => reserveAttempt(i % 2 ? other : testDb(), rule, "burst", T0));
    const results = await Promise.all(tries);
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
  } finally {
    await other.$disconnect();
  }
});

it("a success gives its reservation back; a reset forgets the key", async () => {
  const db = testDb();
  for (let i = 0; i < 3; i++) await reserveAttempt(db, rule, "r", T0);
  expect((await reserveAttempt(db, rule, "r", T0)).allowed).toBe(false);
  await releaseAttempt(db, rule, "r");
  expect((await reserveAttempt(db, rule, "r", T0)).allowed).toBe(true);
  await resetThrottle(db, rule, "r");
  expect(await lockedFor(db, rule, "r", T0)).toBeNull();
});

it("never drops a locked key early, however many other keys fail", async () => {
  const db = testDb();
  // A lock that outlasts its window: the moment the window passes must not free it.
  const long = { ...rule, windowMs: MINUTE, lockoutMs: 60 * MINUTE };
  for (let i = 0; i < 3; i++) await reserveAttempt(db, long, "locked", T0);
  for (let i = 0; i < 2000; i++) await reserveAttempt(db, rule, `spray${i}`, T0);
  expect(await pruneThrottle(db, T0 + 30 * MINUTE)).toBeGreaterThanOrEqual(2000);
  expect(await lockedFor(db, long, "locked", T0 + 30 * MINUTE)).toBe(30 * 60);
  // Once the window and the lock are over, the rows go.
  expect(await pruneThrottle(db, T0 + 60 * MINUTE)).toBe(1);
  expect(await lockedFor(db, long, "locked", T0 + 30 * MINUTE)).toBeNull();
});

it("sign-in: the account limit (5) and the client limit (20) hold under a parallel burst", async () => {
  const db = testDb();
  const now = Date.now();
  const one = await Promise.all(Array.from({ length: 15 }, () => reserveSignIn(db, "Burst@Example.com", null, now)));
  expect(one.filter((r) => r.allowed)).toHaveLength(ACCOUNT_RULE.maxFailures);
  const spray = await Promise.all(Array.from({ length: 40 }, (_, i) => reserveSignIn(db, `s${i}@example.com`, "198.51.100.7", now)));
  expect(spray.filter((r) => r.allowed)).toHaveLength(CLIENT_RULE.maxFailures);
});
