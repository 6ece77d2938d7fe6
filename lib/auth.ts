import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/lib/db";
import { appOrigin } from "@/lib/config";
import { authAdapterProvider } from "@/lib/db-dialect";
import { hashPassword, verifyPassword } from "@/lib/security/hash";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/security/passwords";

const origin = appOrigin();
const https = origin.startsWith("https://");
export const SESSION_TTL_SECONDS = 60 * 60 * 12;

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
  trustedOrigins: [origin],
  database: prismaAdapter(db, { provider: authAdapterProvider() }),
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
    expiresIn: SESSION_TTL_SECONDS,
    updateAge: 60 * 60,
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
  plugins: [nextCookies()],
});

export type AuthSession = typeof auth.$Infer.Session;
