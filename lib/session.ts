import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db";
import { UnauthorizedError, ForbiddenError } from "@/lib/errors";
import { atLeast, toRole, type Role } from "@/lib/permissions";
import { noteRequestUser } from "@/lib/request-context";

export type SessionUser = { id: string; email: string; name: string; role: Role };
export type Authenticated = { user: SessionUser; via: "cookie" | "token" };

/** sha256 of a personal API token, the only form in which tokens are stored. */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

async function userFromToken(token: string): Promise<SessionUser | null> {
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, role: true, disabled: true } } },
  });
  if (!row || row.revokedAt || row.user.disabled) return null;
  // Last-used is informative; write it at most once a minute so reads stay reads.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  const { id, email, name, role } = row.user;
  return { id, email, name, role: toRole(role) };
}

function signatureMatches(token: string, signature: string): boolean {
  const secret = process.env.BETTER_AUTH_SECRET;
  if (!secret) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(token).digest("base64"));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A raw SQL value as a Date: SQLite hands back text or epoch numbers, PostgreSQL a Date. */
function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === "bigint") return new Date(Number(value));
  return new Date(value as string | number);
}

/** A raw SQL boolean: SQLite stores 0/1, PostgreSQL returns true/false. */
function truthy(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === "1" || value === "true";
}

const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?claims\.session_token=([^;]+)/;

/**
 * The session behind the cookie, read straight from the sessions table: one indexed query
 * instead of the auth library's full getSession, on the path every request takes. The table is
 * the authority (sign-out and disabling delete rows), so a token that is not there, or has
 * expired, is no session. Sessions last SESSION_TTL_SECONDS from sign-in.
 */
async function userFromSessionCookie(cookieHeader: string | null): Promise<SessionUser | null> {
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
  // Plain SQL (it runs on PostgreSQL too): this lookup is on every request's path, and one
  // join here costs a fifth of the ORM's relation query.
  const rows = await db.$queryRaw<{ expiresAt: unknown; id: string; email: string; name: string; role: string; disabled: unknown }[]>`
    SELECT s."expiresAt", u."id", u."email", u."name", u."role", u."disabled"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."token" = ${token}`;
  const row = rows[0];
  if (!row || toDate(row.expiresAt).getTime() <= Date.now() || truthy(row.disabled)) return null;
  const { id, email, name, role } = row;
  return { id, email, name, role: toRole(role) };
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
    const user = match ? await userFromToken(match[1]) : null;
    return user ? { user, via: "token" } : null;
  }
  const user = await userFromSessionCookie(requestHeaders.get("cookie"));
  return user ? { user, via: "cookie" } : null;
}

/** The signed-in user of this request (pages and server actions), or null. Cached per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const result = await authenticate(await headers());
  return result?.user ?? null;
});

/** The signed-in user, or an UnauthorizedError. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthorizedError();
  return user;
}

/** The signed-in user with at least `role`, or an error. */
export async function requireRole(role: Role): Promise<SessionUser> {
  const user = await requireUser();
  if (!atLeast(user.role, role)) throw new ForbiddenError();
  return user;
}
