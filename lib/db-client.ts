import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/config";
import { tuneSqliteConnection, type TunableConnection } from "@/lib/db-tuning";

/** Builds a Prisma client on the SQLite file named by `url` (one synchronous connection). */
export function createPrismaClient(url = databaseUrl()) {
  // better-sqlite3 turns foreign keys on by default; `timeout` is SQLite's busy timeout.
  // WAL is set on the file by the migrator and persists.
  const adapter = new PrismaBetterSqlite3({ url, timeout: 5000 });
  // The adapter opens its connection in connect(): tune it there (pragmas, statement cache).
  const connect = adapter.connect.bind(adapter);
  adapter.connect = async () => {
    const connection = await connect();
    tuneSqliteConnection((connection as unknown as { client?: TunableConnection }).client);
    return connection;
  };
  return new PrismaClient({ adapter });
}

export type Db = ReturnType<typeof createPrismaClient>;
