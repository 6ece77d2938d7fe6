import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgresql/client";
import { classifyDatabaseUrl } from "@/prisma/database-url";
import { tuneSqliteConnection, type TunableConnection } from "@/lib/db-tuning";
import { SECRET_FIELDS, type SecretOmit } from "@/lib/db-secrets";
import { serialiseOutsideTransactions, type SerialisableAdapter } from "@/lib/db-sqlite-lock";
import { checkpointInBackground } from "@/lib/db-checkpoint";
import { registerDirectSqlite, type SqliteConnection } from "@/lib/db-direct";

/**
 * The app's Prisma client type (the SQLite client's; the PostgreSQL client has the same models):
 * secret fields (lib/db-secrets.ts) are left out of results unless a query names them.
 */
export type Db = PrismaClient<never, SecretOmit>;
/** A client that returns every field, secrets included: copies and backups only. */
export type DbWithSecrets = PrismaClient;

/**
 * Builds a Prisma client for `url` (default DATABASE_URL): the SQLite client on a file, the
 * PostgreSQL client on a postgresql:// server. Throws UnsupportedDatabaseUrlError for anything else.
 */
export function createPrismaClient(url: string | undefined = process.env.DATABASE_URL): Db {
  return buildClient(url, SECRET_FIELDS) as unknown as Db;
}

/** Like createPrismaClient, without the secret omission: for copying a database whole. */
export function createPrismaClientWithSecrets(url: string | undefined = process.env.DATABASE_URL): DbWithSecrets {
  return buildClient(url, undefined);
}

function buildClient(url: string | undefined, omit: SecretOmit | undefined): DbWithSecrets {
  const target = classifyDatabaseUrl(url);
  if (target.dialect === "postgresql") {
    // A pool per process; DATABASE_POOL_SIZE bounds it so that N processes stay under max_connections.
    const max = Number(process.env.DATABASE_POOL_SIZE ?? 10);
    const adapter = new PrismaPg({ connectionString: target.url, max: Number.isFinite(max) && max > 0 ? max : 10 });
    // The two generated clients have the same models and methods; only their classes differ.
    return new PostgresPrismaClient({ adapter, ...(omit ? { omit } : {}) }) as unknown as DbWithSecrets;
  }
  // better-sqlite3 turns foreign keys on by default; `timeout` is SQLite's busy timeout.
  // WAL is set on the file by the migrator and persists.
  const adapter = new PrismaBetterSqlite3({ url: target.url, timeout: 5000 });
  // The adapter opens its connection in connect(): tune it there (pragmas, statement cache), and
  // keep statements made outside a transaction out of an open one (docs/upstream-bugs.md §6).
  // lib/db-direct.ts runs a few hot paths on the same connection, under the same lock.
  const connect = adapter.connect.bind(adapter);
  let connected: (state: { client: SqliteConnection; lock: ReturnType<typeof serialiseOutsideTransactions> }) => void = () => {};
  adapter.connect = async () => {
    const connection = await connect();
    const client = (connection as unknown as { client?: TunableConnection }).client;
    tuneSqliteConnection(client);
    checkpointInBackground(client as unknown as Parameters<typeof checkpointInBackground>[0]);
    const lock = serialiseOutsideTransactions(connection as unknown as SerialisableAdapter);
    if (client) connected({ client: client as unknown as SqliteConnection, lock });
    return connection;
  };
  const prisma = new PrismaClient({ adapter, ...(omit ? { omit } : {}) });
  connected = registerDirectSqlite(prisma, () => prisma.$connect());
  return prisma as unknown as DbWithSecrets;
}
