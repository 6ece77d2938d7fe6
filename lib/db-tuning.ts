/**
 * Settings of the app's one SQLite connection (better-sqlite3 under Prisma's adapter).
 *
 * - synchronous=NORMAL: under WAL this is SQLite's recommended setting. A commit no longer waits
 *   for an fsync of the WAL (the WAL is synced at checkpoints): a committed transaction can be
 *   lost on power failure or an OS crash (not an application crash), and the database is never
 *   corrupted. The fsync per commit was most of a claim save's time.
 * - A statement cache: the adapter prepares every SQL text anew on each query (SQLite parses and
 *   plans it again); the ORM sends the same few texts over and over. Statements are kept by SQL
 *   text and bound per call instead of with bind(), which would fix their parameters for good.
 * SQL_TRACE=1 prints every statement the ORM sends (to count a request's queries).
 */
type Statement = {
  reader: boolean;
  run: (...args: unknown[]) => unknown;
  all: (...args: unknown[]) => unknown[];
  columns: () => unknown[];
  raw: (on?: boolean) => Statement;
};
export type TunableConnection = {
  pragma: (source: string, options?: { simple?: boolean }) => unknown;
  prepare: (sql: string) => unknown;
};

const CACHE_SIZE = 500;

/** The shape of a prepared statement the adapter uses, with the parameters given at bind() time. */
function bound(statement: Statement, args: unknown[]) {
  return {
    reader: statement.reader,
    run: () => statement.run(...args),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(...args) }),
    all: () => statement.raw(false).all(...args),
  };
}

/** Applies the pragmas and the statement cache to a freshly opened connection. */
export function tuneSqliteConnection(connection: TunableConnection | undefined): void {
  if (!connection || typeof connection.pragma !== "function" || typeof connection.prepare !== "function") return;
  if (String(connection.pragma("journal_mode", { simple: true })).toLowerCase() === "wal") {
    connection.pragma("synchronous = NORMAL");
  }
  const prepare = connection.prepare.bind(connection) as (sql: string) => Statement;
  const trace = process.env.SQL_TRACE === "1";
  const cache = new Map<string, Statement>();
  connection.prepare = (sql: string) => {
    if (trace) console.log("SQL", sql.slice(0, 160));
    // Transaction control and one-off statements are not worth keeping.
    // A transaction takes the write lock when it begins (BEGIN IMMEDIATE), not at its first write:
    // a deferred one that read first and then wrote failed at once (SQLITE_BUSY_SNAPSHOT, a 503)
    // whenever another process had written meanwhile (a backup noting its time, a CLI script),
    // where an immediate one waits for the busy timeout. This process runs one transaction at a
    // time (lib/db-sqlite-lock.ts), so it costs nothing here.
    if (/^\s*BEGIN\s*;?\s*$/i.test(sql)) return prepare("BEGIN IMMEDIATE");
    if (sql.length < 12 || /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA)\b/i.test(sql)) return prepare(sql);
    let statement = cache.get(sql);
    if (!statement) {
      statement = prepare(sql);
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(sql, statement);
    }
    const s = statement;
    return { ...bound(s, []), bind: (args: unknown[]) => bound(s, args) };
  };
}
