/**
 * Direct, synchronous access to the app's one SQLite connection, for the few hot paths where
 * Prisma's client costs more than the work (issue 10: a claim save, the session read).
 *
 * Prisma's better-sqlite3 adapter runs every statement synchronously on one connection; the
 * client around it (query planning, the async adapter protocol, an interactive transaction's
 * round trips) costs about 20x the SQLite work of a save. Here a caller takes the same FIFO lock
 * that keeps the adapter's statements out of an open transaction (lib/db-sqlite-lock.ts), then
 * runs plain prepared statements on the same connection, without awaiting anything in between:
 * nothing else can touch the connection meanwhile, and a transaction begun here (IMMEDIATE, like
 * the adapter's since lib/db-tuning.ts) is committed or rolled back before the lock is released.
 *
 * On PostgreSQL there is no such connection: `directSqlite()` answers null and callers keep their
 * Prisma path (which PostgreSQL's pool runs concurrently anyway). `directQuery()` runs one SQL
 * text on either database, for reads written in SQL both understand.
 */
import Database from "better-sqlite3";
import { BUSY, type FifoLock } from "@/lib/db-sqlite-lock";
import { currentRequest } from "@/lib/request-context";

export type SqliteConnection = Database.Database;
type State = { client: SqliteConnection; lock: FifoLock };
type Handle = { state?: State; connect: () => Promise<void> };

const KEY = Symbol.for("claimcheck.directSqlite");
type WithHandle = { [KEY]?: Handle };

/** Called by lib/db-client.ts when it builds a SQLite client: where its connection will be. */
export function registerDirectSqlite(prisma: object, connect: () => Promise<void>): (state: State) => void {
  const handle: Handle = { connect };
  Object.defineProperty(prisma, KEY, { value: handle, enumerable: false });
  return (state) => {
    handle.state = state;
  };
}

/** Runs synchronous work on the connection under the lock. */
export type DirectSqlite = {
  /**
   * Runs `work` with the lock held; `work` must not await (it is typed as synchronous). At once,
   * without a promise, when the lock is free (the common case outside transactions); else after
   * the holders and waiters before it.
   */
  run<T>(work: (connection: SqliteConnection, prepare: (sql: string) => Database.Statement) => T): T | Promise<T>;
};

const statements = new WeakMap<SqliteConnection, Map<string, Database.Statement>>();

/** A prepared statement kept per SQL text (the connection's own prepare, not the adapter's wrapper); integers read as numbers. */
function preparedOn(client: SqliteConnection): (sql: string) => Database.Statement {
  let cache = statements.get(client);
  if (!cache) statements.set(client, (cache = new Map()));
  const map = cache;
  return (sql) => {
    let statement = map.get(sql);
    if (!statement) {
      statement = Database.prototype.prepare.call(client, sql) as Database.Statement;
      // The adapter turns safe integers on for the connection (bigint); versions and counts fit a number.
      if (statement.reader) statement.safeIntegers(false);
      map.set(sql, statement);
    }
    return statement;
  };
}

const handles = new WeakMap<State, DirectSqlite>();

function directOn(state: State): DirectSqlite {
  let direct = handles.get(state);
  if (!direct) {
    const prepare = preparedOn(state.client);
    const { client, lock } = state;
    direct = {
      run(work) {
        const now = lock.runNow(() => work(client, prepare));
        if (now !== BUSY) return now;
        return lock.acquire().then((release) => {
          try {
            return work(client, prepare);
          } finally {
            release();
          }
        });
      },
    };
    handles.set(state, direct);
  }
  return direct;
}

/**
 * The direct handle of `prisma`'s SQLite connection, or null when it is a PostgreSQL client: at
 * once once the connection is open (await it either way).
 */
export function directSqlite(prisma: object): DirectSqlite | null | Promise<DirectSqlite | null> {
  const handle = (prisma as WithHandle)[KEY];
  if (!handle) return null;
  if (handle.state) return directOn(handle.state);
  return handle.connect().then(() => (handle.state ? directOn(handle.state) : null));
}

/**
 * Runs one read written for both databases, with PostgreSQL's `$1, $2…` placeholders: on SQLite
 * synchronously on the connection, on PostgreSQL through the client's raw query. Values come back
 * as each driver gives them (SQLite: numbers for booleans, text or numbers for times).
 */
export async function directQuery<T>(prisma: object, sql: string, params: unknown[]): Promise<T[]> {
  const direct = await directSqlite(prisma);
  if (!direct) {
    const raw = prisma as { $queryRawUnsafe: (sql: string, ...values: unknown[]) => Promise<T[]> };
    return raw.$queryRawUnsafe(sql, ...params);
  }
  const { text, order } = positional(sql);
  const values = order.map((n) => toSqliteValue(params[n - 1]));
  return direct.run((_, prepare) => prepare(text).all(...values) as T[]);
}

/**
 * SQLite: a value that moves whenever anything at all may have been written to the database.
 * `total_changes()` counts every row this connection (the app's own: the ORM's and this module's
 * statements) has inserted, updated or deleted; `PRAGMA data_version` moves whenever another
 * connection (another process, a script, a restore) commits. A connection's serial number is part
 * of it, as both counters start afresh with a new connection. Call it under the lock (inside `run`).
 *
 * The pragma is the expensive half (a read transaction: a lock and an unlock of the WAL's shared
 * memory, 5 µs quiet and 10–20 µs under load, against 0.1 µs for total_changes), and a request
 * would read it two or three times (its session, then what it reads). So within one request it is
 * read once and reused for DATA_VERSION_REUSE_MS at most: what another connection commits after that
 * first read shows from the next request on, as if the request had been served whole at that
 * moment, which lies inside the request's own lifetime. This connection's writes always count
 * (total_changes is read every time), so a request that writes then reads sees its write. Rows
 * kept under a marker were read no earlier than the marker says (see directQueryWhileUnchanged),
 * so a reused value can make a kept copy be read again, never be served when it is out of date.
 */
export function changeMarker(connection: SqliteConnection, prepare: (sql: string) => Database.Statement): string {
  let serial = connectionSerial.get(connection);
  if (serial === undefined) connectionSerial.set(connection, (serial = ++serials));
  // Two plain statements: the pragma as a table-valued function in one SELECT costs half again.
  const changes = prepare(TOTAL_CHANGES_SQL).pluck().get() as number;
  return `${serial}:${changes}:${dataVersion(connection, prepare)}`;
}

const DATA_VERSION_REUSE_MS = 1000;

function dataVersion(connection: SqliteConnection, prepare: (sql: string) => Database.Statement): number {
  const request = currentRequest();
  const now = request ? performance.now() : 0;
  const known = request?.dataVersion;
  if (known && known.connection === connection && now - known.at < DATA_VERSION_REUSE_MS) return known.value;
  const value = prepare(DATA_VERSION_SQL).pluck().get() as number;
  if (request) request.dataVersion = { connection, value, at: now };
  return value;
}

const TOTAL_CHANGES_SQL = "SELECT total_changes()";
const DATA_VERSION_SQL = "PRAGMA data_version";
const connectionSerial = new WeakMap<SqliteConnection, number>();
let serials = 0;

/** Rows kept by `directQueryWhileUnchanged`, per key, with the change marker they were read at. */
export type UnchangedMemo<T> = Map<string, { marker: string; rows: T[] }>;

/**
 * `directQuery`, except that on SQLite the rows read for `key` are reused while the database has
 * not changed at all since (`changeMarker`): what the next request is answered from is exactly
 * what the query would read then. The rows are shared: callers must not change them. On
 * PostgreSQL, the query each time. The memo holds at most `limit` keys (oldest dropped first).
 */
export async function directQueryWhileUnchanged<T>(prisma: object, memo: UnchangedMemo<T>, key: string, sql: string, params: unknown[], limit = 10_000): Promise<T[]> {
  const direct = await directSqlite(prisma);
  if (!direct) return directQuery<T>(prisma, sql, params);
  const { text, order } = positional(sql);
  return direct.run((connection, prepare) => {
    const marker = changeMarker(connection, prepare);
    const hit = memo.get(key);
    if (hit && hit.marker === marker) return hit.rows;
    const rows = prepare(text).all(...order.map((n) => toSqliteValue(params[n - 1]))) as T[];
    if (hit) memo.delete(key);
    else if (memo.size >= limit) memo.delete(memo.keys().next().value!);
    memo.set(key, { marker, rows });
    return rows;
  });
}

const converted = new Map<string, { text: string; order: number[] }>();

/** `$1 … $n` rewritten to `?` with the order in which they appear. */
function positional(sql: string): { text: string; order: number[] } {
  let hit = converted.get(sql);
  if (!hit) {
    const order: number[] = [];
    const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
      order.push(Number(n));
      return "?";
    });
    hit = { text, order };
    if (converted.size < 500) converted.set(sql, hit);
  }
  return hit;
}

/**
 * A value as Prisma's SQLite adapter stores it: booleans as 0/1, times as ISO 8601 text with
 * "+00:00" (its default timestampFormat), so that stored and bound times compare as text.
 */
export function toSqliteValue(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  return value;
}

/** A boolean read by raw SQL: SQLite stores 0/1 (a bigint through the ORM), PostgreSQL returns true/false. */
export function fromSqlBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === "1" || value === "true";
}

/** A time read by raw SQL from SQLite (ISO text, or epoch numbers) or PostgreSQL (a Date) as a Date. */
export function fromSqlTime(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "bigint") return new Date(Number(value));
  return new Date(value as string | number);
}
