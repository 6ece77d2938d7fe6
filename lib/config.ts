import { classifyDatabaseUrl } from "@/prisma/database-url";

/** The database URL: DATABASE_URL (a SQLite file made absolute, or postgresql://), default ./data/claims.db. */
export function databaseUrl(): string {
  return classifyDatabaseUrl(process.env.DATABASE_URL).url;
}

/** The public origin of the app, used for the Origin check and absolute links. */
export function appOrigin(): string {
  return (process.env.APP_ORIGIN || process.env.BETTER_AUTH_URL || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

/** Longest accepted article body, in characters (UTF-16 code units, as the browser counts them). */
export const MAX_ARTICLE_BODY_CHARS = 2 * 1024 * 1024;
/**
 * Largest accepted JSON body, in bytes: an article body at its character limit in any script
 * (a code unit is at most 3 bytes of UTF-8: Cyrillic takes 2, Chinese 3) plus room for the rest.
 * A limit in bytes equal to the character limit refused Cyrillic and Chinese articles well under it.
 */
export const MAX_BODY_BYTES = 3 * MAX_ARTICLE_BODY_CHARS + 64 * 1024;
