import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { twoFactor } from "better-auth/plugins/two-factor";
import { recoveryCodeStore } from "@/lib/security/two-factor";
import { db } from "@/lib/db";
import { withSecrets } from "@/lib/db-secrets";
import { appOrigin } from "@/lib/config";
import { authAdapterProvider } from "@/lib/db-dialect";
import { expectedOrigin } from "@/lib/http/origin";
import { SESSION_TTL_SECONDS } from "@/lib/session";
import { hashPassword, verifyPassword } from "@/lib/security/hash";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/security/passwords";

const origin = appOrigin();
const https = origin.startsWith("https://");

/**
 * Better Auth: email and password, sessions stored in the database. Sign-up is closed: accounts
 * are made by an admin (lib/users). Throttling is ours (app/api/auth route), because the
 * library's rate limit skips server-side calls.
 */
export const auth = betterAuth({
  appName: "ClaimCheck",
  baseURL: origin,
  // `npm start` always provides a secret; the build only loads this module to collect routes.
  secret:
    process.env.BETTER_AUTH_SECRET ??
    (process.env.NEXT_PHASE === "phase-production-build" ? "build-phase-placeholder-never-signs-a-session" : undefined),
  // The app's one Origin rule (lib/http/origin.ts), per request: APP_ORIGIN when set, else the
  // request's own scheme and local Host. The static baseURL origin is also trusted by the library;
  // the route (app/api/auth) applies the rule first, so a request to another host never gets here.
  trustedOrigins: (request) => {
    if (!request) return [origin];
    const expected = expectedOrigin(request.headers);
    return expected.ok ? [expected.origin] : [];
  },
  // The library reads password hashes, session tokens and second-factor secrets, which the app's
  // client leaves out of results (lib/db-secrets.ts): it gets the same connection with them put back.
  database: prismaAdapter(withSecrets(db), { provider: authAdapterProvider() }),
  emailAndPassword: {
    enabled: true,
    disableSignUp: true,
    minPasswordLength: PASSWORD_MIN_LENGTH,
    maxPasswordLength: PASSWORD_MAX_LENGTH,
    password: { hash: hashPassword, verify: ({ hash, password }) => verifyPassword(hash, password) },
  },
  user: {
    additionalFields: {
      role: { type: "string", required: false, defaultValue: "checker", input: false },
      disabled: { type: "boolean", required: false, defaultValue: false, input: false },
    },
  },
  session: {
    // Absolute sessions: 12 h from sign-in, never extended (README "Sessions"); the idle timeout
    // is applied where sessions are read (lib/session.ts).
    expiresIn: SESSION_TTL_SECONDS,
    disableSessionRefresh: true,
    // Sessions are always read from the database, so a disabled user is out at once.
    cookieCache: { enabled: false },
  },
  databaseHooks: {
    session: {
      create: {
        before: async (session) => {
          const user = await db.user.findUnique({ where: { id: session.userId }, select: { disabled: true } });
          return user && !user.disabled ? { data: session } : false;
        },
      },
    },
  },
  rateLimit: { enabled: false },
  advanced: {
    // Over https the session cookie is `__Host-` prefixed: Secure, Path=/, no Domain.
    useSecureCookies: false,
    cookies: { session_token: { name: https ? "__Host-claims.session_token" : "claims.session_token" } },
    defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: https, path: "/" },
  },
  plugins: [
    // TOTP only (no email/SMS codes). Verification is throttled, audited and stripped of
    // "trust this device" by the auth route (lib/security/two-factor-route.ts).
    twoFactor({
      issuer: "ClaimCheck",
      backupCodeOptions: { storeBackupCodes: recoveryCodeStore, amount: 10, length: 10 },
      // The library keeps the half-signed-in state in its own short-lived cookie.
      twoFactorCookieMaxAge: 10 * 60,
    }),
    nextCookies(),
  ],
});

export type AuthSession = typeof auth.$Infer.Session;
