// Sign-in throttle, kept in the database (model ThrottleKey) so that every app process shares it
// and a restart forgets nothing. An attempt is RESERVED before the slow password hash runs:
// the reservation counts as a failure at once, so a burst of parallel tries cannot all pass the
// check before any of them is recorded. A success gives the reservation back.
//
// Each reservation is one INSERT ... ON CONFLICT DO UPDATE ... RETURNING statement (valid SQL
// for SQLite 3.35+ and PostgreSQL alike): the row is written and the decision read in one step,
// under the database's own row lock, so two processes cannot both take the last try.
import type { Db } from "@/lib/db-client";

export type ThrottleRule = {
  /** Key namespace, e.g. "account". */
  prefix: string;
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
};

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** Per account: guessing one person's password (or second factor). */
export const ACCOUNT_RULE: ThrottleRule = { prefix: "account", maxFailures: 5, windowMs: FIFTEEN_MINUTES, lockoutMs: FIFTEEN_MINUTES };
/** Per client address: spraying many accounts from one place. */
export const CLIENT_RULE: ThrottleRule = { prefix: "client", maxFailures: 20, windowMs: FIFTEEN_MINUTES, lockoutMs: FIFTEEN_MINUTES };
/** Per user: guessing the second factor (a six-digit code) after a right password. */
export const TWO_FACTOR_RULE: ThrottleRule = { prefix: "2fa", maxFailures: 5, windowMs: FIFTEEN_MINUTES, lockoutMs: FIFTEEN_MINUTES };

/** Normalises an email into the account key, so "Ada@Example.com " and "ada@example.com" share a counter. */
export function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

function keyOf(rule: ThrottleRule, id: string): string {
  return `${rule.prefix}:${id}`.slice(0, 400);
}

function retryAfter(lockedUntilMs: number, now: number): number {
  return Math.max(1, Math.ceil((lockedUntilMs - now) / 1000));
}

/**
 * Takes one attempt for `id` under `rule`, or refuses while the key is locked. The attempt
 * counts as a failure until `releaseAttempt` (or `resetThrottle`) gives it back; the try that
 * reaches maxFailures is still allowed, and locks the key for lockoutMs from then.
 */
export async function reserveAttempt(db: Db, rule: ThrottleRule, id: string, now = Date.now()): Promise<ThrottleDecision> {
  const key = keyOf(rule, id);
  const windowFloor = now - rule.windowMs;
  const lockAt = now + rule.lockoutMs;
  const firstLocks = 1 >= rule.maxFailures ? lockAt : 0;
  // Every SET expression reads the row as it was before this statement (both dialects).
  const rows = await db.$queryRaw<{ lastAllowed: unknown; lockedUntilMs: unknown }[]>`
    INSERT INTO "ThrottleKey" ("key", "count", "windowStartMs", "lockedUntilMs", "lastAllowed")
    VALUES (${key}, 1, ${now}, ${firstLocks}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE
        WHEN "ThrottleKey"."lockedUntilMs" > ${now} THEN "ThrottleKey"."count"
        WHEN "ThrottleKey"."windowStartMs" <= ${windowFloor} THEN 1
        ELSE "ThrottleKey"."count" + 1 END,
      "windowStartMs" = CASE
        WHEN "ThrottleKey"."lockedUntilMs" > ${now} THEN "ThrottleKey"."windowStartMs"
        WHEN "ThrottleKey"."windowStartMs" <= ${windowFloor} THEN ${now}
        ELSE "ThrottleKey"."windowStartMs" END,
      "lockedUntilMs" = CASE
        WHEN "ThrottleKey"."lockedUntilMs" > ${now} THEN "ThrottleKey"."lockedUntilMs"
        WHEN (CASE WHEN "ThrottleKey"."windowStartMs" <= ${windowFloor} THEN 1 ELSE "ThrottleKey"."count" + 1 END) >= ${rule.maxFailures} THEN ${lockAt}
        ELSE 0 END,
      "lastAllowed" = CASE WHEN "ThrottleKey"."lockedUntilMs" > ${now} THEN 0 ELSE 1 END
    RETURNING "lastAllowed", "lockedUntilMs"`;
  const row = rows[0];
  if (Number(row.lastAllowed) === 1) return { allowed: true };
  return { allowed: false, retryAfterSeconds: retryAfter(Number(row.lockedUntilMs), now) };
}

/** Gives back one reserved attempt (the try succeeded); the lock ends if the count falls below the limit. */
export async function releaseAttempt(db: Db, rule: ThrottleRule, id: string): Promise<void> {
  const key = keyOf(rule, id);
  await db.$executeRaw`
    UPDATE "ThrottleKey" SET
      "count" = CASE WHEN "count" > 0 THEN "count" - 1 ELSE 0 END,
      "lockedUntilMs" = CASE WHEN "count" - 1 < ${rule.maxFailures} THEN 0 ELSE "lockedUntilMs" END
    WHERE "key" = ${key}`;
}

/** Forgets every failure and any lock of `id` (a success that proves the holder, or an admin's reset). */
export async function resetThrottle(db: Db, rule: ThrottleRule, id: string): Promise<void> {
  await db.$executeRaw`DELETE FROM "ThrottleKey" WHERE "key" = ${keyOf(rule, id)}`;
}

/** Seconds until `id` may try again, or null when it is not locked (does not take an attempt). */
export async function lockedFor(db: Db, rule: ThrottleRule, id: string, now = Date.now()): Promise<number | null> {
  const rows = await db.$queryRaw<{ lockedUntilMs: unknown }[]>`
    SELECT "lockedUntilMs" FROM "ThrottleKey" WHERE "key" = ${keyOf(rule, id)}`;
  const until = rows.length ? Number(rows[0].lockedUntilMs) : 0;
  return until > now ? retryAfter(until, now) : null;
}

/**
 * Deletes rows that hold nothing any more: window passed AND lock over. A locked key is never
 * removed before its lock ends, however many other keys there are.
 */
export async function pruneThrottle(db: Db, now = Date.now()): Promise<number> {
  const longest = Math.max(ACCOUNT_RULE.windowMs, CLIENT_RULE.windowMs, TWO_FACTOR_RULE.windowMs);
  return db.$executeRaw`
    DELETE FROM "ThrottleKey" WHERE "lockedUntilMs" <= ${now} AND "windowStartMs" <= ${now - longest}`;
}

export type SignInReservation = { allowed: true; release: () => Promise<void> } | { allowed: false; retryAfterSeconds: number };

/**
 * Reserves one sign-in attempt against the account and (when known) the client address. A
 * refusal by either gives the other's reservation back. On success call `release()`: the
 * account's failures are forgiven, and the client's reservation returned (its earlier failures
 * stay, so one good sign-in cannot hide a spray).
 */
export async function reserveSignIn(db: Db, email: string, ip: string | null | undefined, now = Date.now()): Promise<SignInReservation> {
  const account = accountKey(email);
  // Rarely, clear out rows that hold nothing; cheap, and bounded by the window anyway.
  if (Math.random() < 0.02) await pruneThrottle(db, now);
  const byAccount = await reserveAttempt(db, ACCOUNT_RULE, account, now);
  // Without a known client address there is nothing to key on; lumping unknowns together would
  // let one client lock out everyone else who also lacks one.
  const byClient = ip ? await reserveAttempt(db, CLIENT_RULE, ip, now) : ({ allowed: true } as const);
  if (!byAccount.allowed || !byClient.allowed) {
    if (byAccount.allowed) await releaseAttempt(db, ACCOUNT_RULE, account);
    if (byClient.allowed && ip) await releaseAttempt(db, CLIENT_RULE, ip);
    const waits = [byAccount, byClient].map((d) => (d.allowed ? 0 : d.retryAfterSeconds));
    return { allowed: false, retryAfterSeconds: Math.max(...waits) };
  }
  return {
    allowed: true,
    release: async () => {
      await resetThrottle(db, ACCOUNT_RULE, account);
      if (ip) await releaseAttempt(db, CLIENT_RULE, ip);
    },
  };
}
