import { classifyDatabaseUrl } from "@/prisma/database-url";

/** The database URL: DATABASE_URL (a SQLite file made absolute, or postgresql://), default ./data/claims.db. */
export function databaseUrl(): string {
  return classifyDatabaseUrl(process.env.DATABASE_URL).url;
}

/** The public origin of the app, used for the Origin check and absolute links. */
export function appOrigin(): string {
  return (process.env.APP_ORIGIN || process.env.BETTER_AUTH_URL || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

/** Largest accepted JSON body, in bytes. An article body may be up to 2 MB. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024 + 64 * 1024;
export const MAX_ARTICLE_BODY_CHARS = 2 * 1024 * 1024;
