// Secrets never leave a query by default (ASVS 14.2, CONVENTIONS "Secrets never leave by default"):
// the app's Prisma client omits these fields from every result, so a forgotten `select` or a
// plain findMany cannot put a hash or a token into a DTO, a log line or a page. Code that truly
// needs one asks for it by name (`select: { password: true }` or `omit: { password: false }`).
// The auth library reads and writes them all through `withSecrets()` below.
import type { Prisma } from "@/lib/generated/prisma/client";

/** The fields the app's client leaves out of every result unless asked for by name. */
export const SECRET_FIELDS = {
  account: { password: true, accessToken: true, refreshToken: true, idToken: true },
  session: { token: true },
  apiToken: { tokenHash: true },
  invite: { tokenHash: true },
  twoFactor: { secret: true, backupCodes: true },
  verification: { value: true },
} as const satisfies Prisma.GlobalOmitConfig;

export type SecretOmit = typeof SECRET_FIELDS;

// Operations whose arguments take `omit` (counts, aggregates and the *Many writes do not).
const RETURNS_ROWS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "create",
  "createManyAndReturn",
  "update",
  "updateManyAndReturn",
  "upsert",
  "delete",
]);

const UNOMIT: Record<string, Record<string, false>> = Object.fromEntries(
  Object.entries(SECRET_FIELDS).map(([model, fields]) => [model, Object.fromEntries(Object.keys(fields).map((f) => [f, false]))]),
);

type ExtendsHost = {
  $extends: (extension: {
    query: { $allModels: { $allOperations: (params: { model: string; operation: string; args: unknown; query: (args: unknown) => Promise<unknown> }) => Promise<unknown> } };
  }) => unknown;
};

/**
 * The same client (same connection or pool, same transactions) with the secret fields put back
 * into results: for the auth library's adapter, which reads password hashes, session tokens and
 * second-factor secrets. Nothing else should use it.
 */
export function withSecrets<T>(client: T): T {
  return (client as unknown as ExtendsHost).$extends({
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const unomit = UNOMIT[model.charAt(0).toLowerCase() + model.slice(1)];
          if (!unomit || !RETURNS_ROWS.has(operation)) return query(args);
          const given = (args ?? {}) as { select?: unknown; omit?: Record<string, boolean> };
          // `select` already names every field it wants; `omit` and `select` cannot be combined.
          if (given.select) return query(args);
          return query({ ...given, omit: { ...unomit, ...given.omit } });
        },
      },
    },
  }) as T;
}
