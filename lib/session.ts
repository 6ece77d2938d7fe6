import "server-only";
import { cache } from "react";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db";
import { directQueryWhileUnchanged, fromSqlBoolean, fromSqlTime, type UnchangedMemo } from "@/lib/db-direct";
import { UnauthorizedError, ForbiddenError, TwoFactorEnrolmentRequiredError } from "@/lib/errors";
import { atLeast, toRole, type Role } from "@/lib/permissions";
import { noteRequestUser } from "@/lib/request-context";

/** Setting key of the roles that must use two-factor sign-in (lib/security/settings.ts). */
export const REQUIRE_TWO_FACTOR_KEY = "security.requireTwoFactorFor";

export type SessionUser = { id: string; email: string; name: string; role: Role };
export type Authenticated = { user: SessionUser; via: "cookie" | "token"; sessionId?: string; mustEnrolTwoFactor: boolean };
export type CurrentSession = {
  user: SessionUser;
  sessionId: string;
  createdAt: Date;
  twoFactorEnabled: boolean;
  /** The admin requires two-factor sign-in for this role and the user has not enrolled yet. */
  mustEnrolTwoFactor: boolean;
};

/** Whether `role` is in the stored JSON list of roles that must use two-factor sign-in. */
function roleRequiresTwoFactor(requiredJson: unknown, role: string): boolean {
  if (typeof requiredJson !== "string") return false;
  try {
    const list: unknown = JSON.parse(requiredJson);
    return Array.isArray(list) && list.includes(role);
  } catch {
    return false;
  }
}

/**
 * Sessions are ABSOLUTE: they end SESSION_TTL_SECONDS after sign-in, however active (the auth
 * library's sliding refresh is switched off in lib/auth.ts). They also end after
 * SESSION_IDLE_SECONDS without a request. Activity is written at most once a minute per session,
 * so reads stay reads.
 */
export const SESSION_TTL_SECONDS = 60 * 60 * 12;
export const SESSION_IDLE_SECONDS = 60 * 60;
const ACTIVITY_WRITE_INTERVAL_MS = 60_000;

/** sha256 of a personal API token, the only form in which tokens are stored. */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const TOKEN_SQL = `
    SELECT t."id" AS "tokenId", t."revokedAt", t."lastUsedAt", u."id", u."email", u."name", u."role", u."disabled",
      u."twoFactorEnabled", st."value" AS "requiredRoles"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
    LEFT JOIN "Setting" st ON st."key" = $1
    WHERE t."tokenHash" = $2`;

const SESSION_SQL = `
    SELECT s."id" AS "sessionId", s."createdAt", s."updatedAt", s."expiresAt", u."id", u."email", u."name", u."role", u."disabled",
      u."twoFactorEnabled", st."value" AS "requiredRoles"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN "Setting" st ON st."key" = $1
    WHERE s."token" = $2`;

/** The user's columns both joins select (u.*, and the two-factor setting as requiredRoles). */
type UserColumns = { id: string; email: string; name: string; role: string; disabled: unknown; twoFactorEnabled: unknown; requiredRoles: unknown };

const tokenRows: UnchangedMemo<UserColumns & { tokenId: string; revokedAt: unknown; lastUsedAt: unknown }> = new Map();
const sessionRows: UnchangedMemo<UserColumns & { sessionId: string; createdAt: unknown; updatedAt: unknown; expiresAt: unknown }> = new Map();

async function userFromToken(token: string): Promise<(SessionUser & { mustEnrolTwoFactor: boolean }) | null> {
  // One joined query, as readSession does for cookies, run synchronously on the SQLite connection
  // (lib/db-direct.ts; the ORM's raw query cost more than the lookup). Plain SQL that PostgreSQL
  // runs too, through its client.
  // On SQLite the row is reused while the database has not changed at all since it was read
  // (lib/db-direct.ts changeMarker): a revocation, a disabled account or a changed setting, written
  // by any connection, counts on the very next request.
  const hash = hashApiToken(token);
  const rows = await directQueryWhileUnchanged(db, tokenRows, hash, TOKEN_SQL, [REQUIRE_TWO_FACTOR_KEY, hash]);
  const row = rows[0];
  if (!row || row.revokedAt !== null || fromSqlBoolean(row.disabled)) return null;
  // Last-used is informative; write it at most once a minute so reads stay reads.
  if (row.lastUsedAt === null || Date.now() - fromSqlTime(row.lastUsedAt)!.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.tokenId }, data: { lastUsedAt: new Date() } });
  }
  const { id, email, name, role } = row;
  const mustEnrolTwoFactor = !fromSqlBoolean(row.twoFactorEnabled) && roleRequiresTwoFactor(row.requiredRoles, role);
  return { id, email, name, role: toRole(role), mustEnrolTwoFactor };
}

// The HMAC of a token a browser keeps sending is the same every time: computed once per token.
const signatures = new Map<string, { secret: string; expected: Buffer }>();

function signatureMatches(token: string, signature: string): boolean {
  const secret = process.env.BETTER_AUTH_SECRET;
  if (!secret) return false;
  let known = signatures.get(token);
  if (!known || known.secret !== secret) {
    known = { secret, expected: Buffer.from(createHmac("sha256", secret).update(token).digest("base64")) };
    if (signatures.size >= 10_000) signatures.delete(signatures.keys().next().value!);
    signatures.set(token, known);
  }
  const expected = known.expected;
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?claims\.session_token=([^;]+)/;

/**
 * THE way the app reads a session (pages, server actions, API routes): the auth library's signed
 * cookie checked here and the session read straight from the sessions table, in one indexed
 * query instead of the library's full getSession on the path every request takes. The table is
 * the authority (sign-out and disabling delete rows). test/integration/session-contract.test.ts
 * signs in through the library and checks this function agrees with the library's own reading,
 * so a library upgrade that changes the cookie format fails a test instead of signing people out.
 */
export async function readSession(requestHeaders: Headers, now = Date.now()): Promise<CurrentSession | null> {
  const cookieHeader = requestHeaders.get("cookie");
  const raw = cookieHeader ? SESSION_COOKIE.exec(cookieHeader)?.[1] : undefined;
  if (!raw) return null;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  // The cookie holds "<token>.<HMAC-SHA256 of the token>", signed by the auth library.
  const dot = value.indexOf(".");
  const token = value.slice(0, dot);
  if (dot < 1 || token.length > 200 || !signatureMatches(token, value.slice(dot + 1))) return null;
  // Plain SQL (it runs on PostgreSQL too): one join, run synchronously on the SQLite connection
  // (lib/db-direct.ts), a fraction of the ORM's relation query or even its raw query.
  // Reused while the database has not changed at all (as for tokens above); the times are judged
  // against now on every request.
  const rows = await directQueryWhileUnchanged(db, sessionRows, token, SESSION_SQL, [REQUIRE_TWO_FACTOR_KEY, token]);
  const row = rows[0];
  if (!row || fromSqlBoolean(row.disabled)) return null;
  const createdAt = fromSqlTime(row.createdAt)!;
  const lastActive = fromSqlTime(row.updatedAt)!.getTime();
  const ends = Math.min(fromSqlTime(row.expiresAt)!.getTime(), createdAt.getTime() + SESSION_TTL_SECONDS * 1000);
  if (ends <= now) return null;
  if (lastActive + SESSION_IDLE_SECONDS * 1000 <= now) {
    // Idle too long: the session is over for good.
    await db.session.deleteMany({ where: { id: row.sessionId } });
    return null;
  }
  if (now - lastActive >= ACTIVITY_WRITE_INTERVAL_MS) {
    await db.session.updateMany({ where: { id: row.sessionId }, data: { updatedAt: new Date(now) } });
  }
  const { id, email, name, role } = row;
  const twoFactorEnabled = fromSqlBoolean(row.twoFactorEnabled);
  return {
    user: { id, email, name, role: toRole(role) },
    sessionId: row.sessionId,
    createdAt,
    twoFactorEnabled,
    mustEnrolTwoFactor: !twoFactorEnabled && roleRequiresTwoFactor(row.requiredRoles, role),
  };
}

/** Who is calling: a Bearer token if the request has one, else the session cookie. Null if nobody. */
export async function authenticate(requestHeaders: Headers): Promise<Authenticated | null> {
  const who = await authenticateUnlogged(requestHeaders);
  if (who) noteRequestUser(who.user.id);
  return who;
}

async function authenticateUnlogged(requestHeaders: Headers): Promise<Authenticated | null> {
  const authorization = requestHeaders.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const found = match ? await userFromToken(match[1]) : null;
    if (!found) return null;
    const { mustEnrolTwoFactor, ...user } = found;
    return { user, via: "token", mustEnrolTwoFactor };
  }
  const session = await readSession(requestHeaders);
  return session ? { user: session.user, via: "cookie", sessionId: session.sessionId, mustEnrolTwoFactor: session.mustEnrolTwoFactor } : null;
}

/**
 * The session of this request for pages and server actions: the cookie ONLY. A Bearer token is
 * for the JSON API; accepting it here would let a token act through server actions (and mint
 * tokens that outlive it). Cached per request.
 * next/headers is loaded here, on first use, not at module level: API routes import this module
 * too and are also served outside Next's router (lib/http/lean-router.ts), where Next's request
 * APIs do not exist; they read the session from their Request with readSession/authenticate.
 */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const { headers } = await import("next/headers");
  return readSession(await headers());
});

/** The signed-in user of this request (pages and server actions, cookie only), or null. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  return (await getCurrentSession())?.user ?? null;
}

/** The signed-in user, or an UnauthorizedError; a ForbiddenError while a required second factor is not set up. */
export async function requireUser(): Promise<SessionUser> {
  const session = await getCurrentSession();
  if (!session) throw new UnauthorizedError();
  if (session.mustEnrolTwoFactor) throw new TwoFactorEnrolmentRequiredError();
  return session.user;
}

/** The signed-in user with at least `role`, or an error. */
export async function requireRole(role: Role): Promise<SessionUser> {
  const user = await requireUser();
  if (!atLeast(user.role, role)) throw new ForbiddenError();
  return user;
}
