import path from "node:path";

/** The SQLite URL: DATABASE_URL, or the embedded default ./data/claims.db. */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL ?? "file:./data/claims.db";
  return `file:${path.resolve(url.replace(/^file:/, ""))}`;
}

/** The public origin of the app, used for the Origin check and absolute links. */
export function appOrigin(): string {
  return (process.env.APP_ORIGIN || process.env.BETTER_AUTH_URL || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

/** Largest accepted JSON body, in bytes. An article body may be up to 2 MB. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024 + 64 * 1024;
export const MAX_ARTICLE_BODY_CHARS = 2 * 1024 * 1024;
