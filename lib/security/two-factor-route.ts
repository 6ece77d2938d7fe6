import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/data";
import { errorResponse, readBodyText } from "@/lib/http/api";
import { BadRequestError, ForbiddenError, ThrottledError, UnauthorizedError } from "@/lib/errors";
import { clientIp } from "@/lib/security/client-ip";
import { readSecuritySettings } from "@/lib/security/settings";
import { CLIENT_RULE, TWO_FACTOR_RULE, releaseAttempt, reserveAttempt, reserveSignIn, resetThrottle } from "@/lib/security/throttle";
import { hashRecoveryCode } from "@/lib/security/two-factor";
import { readSession } from "@/lib/session";
import { toRole } from "@/lib/permissions";

const TWO_FACTOR_COOKIE = /(?:^|;\s*)(?:__Secure-)?better-auth\.two_factor=([^;]+)/;

/** The user a half-finished sign-in belongs to, from the library's signed two-factor cookie. */
async function pendingUserId(cookieHeader: string | null): Promise<string | null> {
  const raw = cookieHeader ? TWO_FACTOR_COOKIE.exec(cookieHeader)?.[1] : undefined;
  if (!raw) return null;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  // "<identifier>.<signature>": the library checks the signature; this only picks the throttle key.
  const identifier = value.slice(0, value.lastIndexOf("."));
  if (!identifier || identifier.length > 200) return null;
  const row = await db.verification.findFirst({ where: { identifier }, select: { value: true, expiresAt: true } });
  return row && row.expiresAt.getTime() > Date.now() ? row.value : null;
}

function forward(request: Request, body: unknown): Request {
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  return new Request(request.url, { method: "POST", headers, body: JSON.stringify(body) });
}

/**
 * The two-factor routes of the auth library, under the app's rules: every code is throttled per
 * user (5 per 15 minutes) and per client address, like a password; every password the plugin asks
 * for (to enrol, to turn off, to get new recovery codes) counts against the sign-in throttle;
 * "trust this device" is refused; everything is audited.
 */
export async function handleTwoFactorRoute(request: Request, subpath: string, handle: (request: Request) => Promise<Response>): Promise<Response> {
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse((await readBodyText(request, 16 * 1024)) || "{}");
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new BadRequestError();
    body = parsed as Record<string, unknown>;
  } catch (error) {
    return errorResponse(error instanceof SyntaxError ? new BadRequestError() : error);
  }
  const ip = clientIp(request.headers);

  if (subpath === "/two-factor/verify-totp" || subpath === "/two-factor/verify-backup-code") {
    // A device is trusted by passing the second factor every time, not for 30 days.
    delete body.trustDevice;
    if (subpath === "/two-factor/verify-backup-code") body.code = hashRecoveryCode(String(body.code ?? ""));
    const session = await readSession(request.headers);
    const userId = session?.user.id ?? (await pendingUserId(request.headers.get("cookie")));
    if (!userId) return errorResponse(new UnauthorizedError("Sign in with your password first, then enter the code."));
    const byUser = await reserveAttempt(db, TWO_FACTOR_RULE, userId);
    const byClient = ip ? await reserveAttempt(db, CLIENT_RULE, ip) : ({ allowed: true } as const);
    if (!byUser.allowed || !byClient.allowed) {
      if (byUser.allowed) await releaseAttempt(db, TWO_FACTOR_RULE, userId);
      if (byClient.allowed && ip) await releaseAttempt(db, CLIENT_RULE, ip);
      await recordAudit(db, { actorId: null, action: "auth.2fa_throttled", objectType: "user", objectId: userId, ip });
      const wait = Math.max(byUser.allowed ? 0 : byUser.retryAfterSeconds, byClient.allowed ? 0 : byClient.retryAfterSeconds);
      return errorResponse(new ThrottledError(wait));
    }
    const before = await db.user.findUnique({ where: { id: userId }, select: { twoFactorEnabled: true } });
    const response = await handle(forward(request, body));
    if (response.ok) {
      await resetThrottle(db, TWO_FACTOR_RULE, userId);
      if (ip) await releaseAttempt(db, CLIENT_RULE, ip);
      const via = subpath.endsWith("backup-code") ? "recovery_code" : "totp";
      if (session && before && !before.twoFactorEnabled) {
        // Enrolment confirmed. Sessions signed in before it never passed the second factor: end
        // them all but the one the library just made, so every session of this user (and so every
        // API token made from one) has passed it.
        const newest = await db.session.findFirst({ where: { userId }, orderBy: { createdAt: "desc" }, select: { id: true } });
        const ended = await db.session.deleteMany({ where: { userId, ...(newest ? { id: { not: newest.id } } : {}) } });
        await recordAudit(db, { actorId: userId, action: "user.2fa_enabled", objectType: "user", objectId: userId, after: { endedSessions: ended.count }, ip });
      } else {
        await recordAudit(db, { actorId: userId, action: session ? "auth.2fa_checked" : "auth.sign_in", objectType: "user", objectId: userId, after: { secondFactor: via }, ip });
      }
    } else {
      await recordAudit(db, { actorId: null, action: "auth.2fa_failed", objectType: "user", objectId: userId, ip });
    }
    return response;
  }

  // Enrol, turn off, new recovery codes: signed in, and the password again.
  const session = await readSession(request.headers);
  if (!session) return errorResponse(new UnauthorizedError());
  const { user } = session;
  if (subpath === "/two-factor/disable") {
    const { requireTwoFactorFor } = await readSecuritySettings();
    if (requireTwoFactorFor.includes(toRole(user.role))) {
      return errorResponse(new ForbiddenError("Your role requires two-factor sign-in, so it cannot be turned off. An admin can change that requirement."));
    }
  }
  const reservation = await reserveSignIn(db, user.email, ip);
  if (!reservation.allowed) return errorResponse(new ThrottledError(reservation.retryAfterSeconds));
  // The authenticator app shows the account as "ClaimCheck: <email>".
  if (subpath === "/two-factor/enable") body = { password: body.password, issuer: "ClaimCheck" };
  const response = await handle(forward(request, body));
  const action = { "/two-factor/enable": "user.2fa_enrol_started", "/two-factor/disable": "user.2fa_disabled", "/two-factor/generate-backup-codes": "user.2fa_recovery_codes_renewed" }[subpath] ?? "user.2fa";
  if (response.ok) {
    await reservation.release();
    await recordAudit(db, { actorId: user.id, action, objectType: "user", objectId: user.id, ip });
  } else {
    await recordAudit(db, { actorId: user.id, action: `${action}_failed`, objectType: "user", objectId: user.id, after: { status: response.status }, ip });
  }
  return response;
}
