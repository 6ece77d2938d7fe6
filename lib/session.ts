import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { createHash } from "node:crypto";
import { auth } from "@/lib/auth";
import { db } from "@/lib/db";
import { UnauthorizedError, ForbiddenError } from "@/lib/errors";
import { atLeast, toRole, type Role } from "@/lib/permissions";

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

/** Who is calling: a Bearer token if the request has one, else the session cookie. Null if nobody. */
export async function authenticate(requestHeaders: Headers): Promise<Authenticated | null> {
  const authorization = requestHeaders.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const user = match ? await userFromToken(match[1]) : null;
    return user ? { user, via: "token" } : null;
  }
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const u = session.user as typeof session.user & { role?: string; disabled?: boolean };
  if (u.disabled) return null;
  return { user: { id: u.id, email: u.email, name: u.name, role: toRole(u.role) }, via: "cookie" };
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
