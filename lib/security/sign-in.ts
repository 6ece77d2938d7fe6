import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/data";
import { dummyVerify } from "@/lib/security/hash";
import { reserveSignIn } from "@/lib/security/throttle";
import { clientIp } from "@/lib/security/client-ip";
import { errorResponse, readBodyText } from "@/lib/http/api";
import { BadRequestError, ThrottledError } from "@/lib/errors";

const INVALID = { code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" };

function invalidCredentials() {
  return Response.json(INVALID, { status: 401 });
}

/**
 * Every email sign-in goes through here: per-account and per-address throttling, disabled
 * accounts refused with the same answer as a wrong password, and an audit event either way.
 */
export async function signInWithEmail(request: Request, handle: (request: Request) => Promise<Response>): Promise<Response> {
  let text: string;
  try {
    text = await readBodyText(request, 16 * 1024);
  } catch (error) {
    return errorResponse(error);
  }
  let email = "";
  let password = "";
  try {
    const parsed = JSON.parse(text) as { email?: unknown; password?: unknown };
    email = typeof parsed.email === "string" ? parsed.email.trim().toLowerCase() : "";
    password = typeof parsed.password === "string" ? parsed.password : "";
  } catch {
    return errorResponse(new BadRequestError());
  }
  const ip = clientIp(request.headers);
  // The attempt is reserved before any hashing, so parallel tries cannot outrun the count.
  const reservation = await reserveSignIn(db, email, ip);
  if (!reservation.allowed) {
    await recordAudit(db, { actorId: null, action: "auth.sign_in_throttled", objectType: "email", objectId: email.slice(0, 320), ip });
    return errorResponse(new ThrottledError(reservation.retryAfterSeconds));
  }

  const account = email ? await db.user.findUnique({ where: { email }, select: { id: true, disabled: true } }) : null;
  let response: Response;
  if (account?.disabled) {
    await dummyVerify(password);
    response = invalidCredentials();
  } else {
    const forwarded = new Request(request.url, { method: "POST", headers: request.headers, body: text });
    response = await handle(forwarded);
  }

  if (response.ok) {
    await reservation.release();
    // With two-factor sign-in the password step makes no session yet: the code comes next.
    const body = (await response.clone().json().catch(() => null)) as { twoFactorRedirect?: boolean } | null;
    const action = body?.twoFactorRedirect ? "auth.sign_in_password_ok" : "auth.sign_in";
    await recordAudit(db, { actorId: account?.id ?? null, action, objectType: "user", objectId: account?.id ?? email, ip });
  } else if (response.status === 401 || response.status === 400) {
    // The reservation already counted this failure.
    await recordAudit(db, { actorId: null, action: "auth.sign_in_failed", objectType: "email", objectId: email.slice(0, 320), ip });
  } else {
    // Refused for another reason (e.g. the Origin): not a password guess.
    await reservation.release();
  }
  return response;
}
