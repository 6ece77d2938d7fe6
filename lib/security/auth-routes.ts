// Which of the auth library's endpoints the app serves. The library mounts every endpoint it
// defines (change-password, update-user, verify-password, ...), each with its own rules and
// none of the app's (password policy, throttle, audit). Only these are served; the rest is a 404.

/** METHOD + path under /api/auth that the app serves. */
export const SERVED_AUTH_ROUTES: ReadonlySet<string> = new Set([
  "POST /sign-in/email",
  "POST /sign-out",
  "GET /get-session",
  // TOTP two-factor (lib/security/two-factor-route.ts): enrol, confirm or pass, recovery codes, turn off.
  "POST /two-factor/enable",
  "POST /two-factor/verify-totp",
  "POST /two-factor/verify-backup-code",
  "POST /two-factor/generate-backup-codes",
  "POST /two-factor/disable",
]);

/** The path under /api/auth of a request URL, e.g. "/sign-in/email". */
export function authSubpath(url: string): string {
  const { pathname } = new URL(url);
  const rest = pathname.replace(/^\/api\/auth/, "");
  return rest.replace(/\/+$/, "") || "/";
}

/** True when the app serves this auth-library endpoint. */
export function isServedAuthRoute(method: string, url: string): boolean {
  return SERVED_AUTH_ROUTES.has(`${method.toUpperCase()} ${authSubpath(url)}`);
}
