/**
 * Which database a DATABASE_URL names, and whether this app can serve it. Pure, and free of
 * imports, so that the migrator (prisma/), the app (lib/) and the scripts all read a URL the same
 * way. Kept in prisma/ so that a copied prisma folder migrates on its own.
 */
import path from "node:path";

export type Dialect = "sqlite" | "postgresql";
export type DatabaseTarget =
  | { dialect: "sqlite"; /** absolute path of the file */ path: string; /** `file:<absolute path>` */ url: string }
  | { dialect: "postgresql"; url: string };

export const DEFAULT_DATABASE_URL = "file:./data/claims.db";

/** Thrown for a DATABASE_URL this app cannot serve; its message says what is accepted. */
export class UnsupportedDatabaseUrlError extends Error {
  constructor(url: string, why: string) {
    super(
      `DATABASE_URL ${JSON.stringify(redactDatabaseUrl(url))} cannot be used: ${why}. ` +
        `Use a SQLite file ("file:./data/claims.db", the default) or a PostgreSQL server ("postgresql://user:password@host:5432/database").`,
    );
    this.name = "UnsupportedDatabaseUrlError";
  }
}

/** The URL with any password replaced, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, "$1***@");
}

/** Classifies DATABASE_URL (default: the embedded SQLite file), or throws UnsupportedDatabaseUrlError. */
export function classifyDatabaseUrl(raw: string | undefined = process.env.DATABASE_URL): DatabaseTarget {
  const url = (raw ?? "").trim() || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UnsupportedDatabaseUrlError(url, "it is not a valid URL");
    }
    if (!parsed.hostname && !parsed.searchParams.get("host")) throw new UnsupportedDatabaseUrlError(url, "it names no host");
    if (parsed.pathname.replace(/^\//, "") === "") throw new UnsupportedDatabaseUrlError(url, "it names no database (add /<database> after the host)");
    return { dialect: "postgresql", url };
  }
  if (/^file:/i.test(url)) {
    const file = url.replace(/^file:(\/\/(?=\/))?/i, "").replace(/\?.*$/, "");
    if (!file || file === ":memory:") throw new UnsupportedDatabaseUrlError(url, "it names no file");
    const abs = path.resolve(file);
    return { dialect: "sqlite", path: abs, url: `file:${abs}` };
  }
  // Anything else that looks like "scheme:" is a server this app does not speak (mysql:, sqlserver:,
  // "postgresql:" without "//", ...): refuse it rather than make a file in a folder of that name.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(url);
  if (scheme) {
    const name = scheme[1].toLowerCase();
    const why = /^postgres/.test(name) ? 'a PostgreSQL URL starts with "postgresql://"' : `"${name}:" databases are not supported`;
    throw new UnsupportedDatabaseUrlError(url, why);
  }
  // A bare path is a SQLite file, as before.
  const abs = path.resolve(url);
  return { dialect: "sqlite", path: abs, url: `file:${abs}` };
}
