/**
 * Everything that differs between the two databases the app runs on (SQLite, PostgreSQL), in one
 * place: which one this process talks to, and how their errors read. Raw SQL elsewhere in lib/
 * is written to run on both (tagged $queryRaw, quoted identifiers, `UPDATE … RETURNING`);
 * anything that cannot be lives here.
 */
import { classifyDatabaseUrl, type Dialect } from "@/prisma/database-url";
import { AppError, ConflictError, NotFoundError } from "@/lib/errors";

export type { Dialect };

/** The database this process uses, from DATABASE_URL. */
export function databaseDialect(): Dialect {
  return classifyDatabaseUrl(process.env.DATABASE_URL).dialect;
}

/** The provider name the auth library's Prisma adapter expects. */
export function authAdapterProvider(): "sqlite" | "postgresql" {
  return databaseDialect();
}

type PrismaLikeError = { code?: unknown; meta?: Record<string, unknown>; message?: unknown };

function driverCause(error: PrismaLikeError): { kind?: string; originalCode?: string; originalMessage?: string } {
  const adapterError = error.meta?.driverAdapterError as { cause?: Record<string, string> } | undefined;
  return adapterError?.cause ?? {};
}

/**
 * The API error for a database error a request can cause (a duplicate, a row gone meanwhile, a
 * busy database), on either database; null for anything else (a bug: the caller's 500).
 * Prisma turns both drivers' errors into the same codes; the driver's own code is the fallback.
 */
export function mapDatabaseError(error: unknown): AppError | null {
  if (!error || typeof error !== "object") return null;
  const e = error as PrismaLikeError;
  const code = typeof e.code === "string" ? e.code : "";
  const cause = driverCause(e);
  const message = String(e.message ?? "");
  // Unique constraint: SQLite "UNIQUE constraint failed", PostgreSQL 23505.
  if (code === "P2002" || cause.kind === "UniqueConstraintViolation" || cause.originalCode === "23505" || /UNIQUE constraint failed/.test(message)) {
    return new ConflictError("That already exists.", null, "already_exists");
  }
  // A row the operation needed is gone (deleted by someone else meanwhile).
  if (code === "P2025" || code === "P2001") return new NotFoundError();
  // A trigger's refusal (the append-only audit log): a bug in the caller, not bad input. The SQLite
  // adapter reports it as a foreign key violation (P2003), so it is told apart by SQLite's own code.
  if (cause.originalCode === "SQLITE_CONSTRAINT_TRIGGER" || cause.originalCode === "P0001") return null;
  // A reference to a row that does not exist (or no longer does).
  if (code === "P2003" || cause.kind === "ForeignKeyConstraintViolation" || cause.originalCode === "23503") {
    return new AppError(422, "validation_failed", "Something this refers to does not exist.", { fields: {} });
  }
  // Concurrent transactions: PostgreSQL's serialization failure / deadlock, SQLite's busy database
  // (its busy timeout ran out: "SocketTimeout"), a transaction that could not start or finish in
  // time under load (P2028).
  if (
    code === "P2034" ||
    code === "P2028" ||
    cause.kind === "SocketTimeout" ||
    /SocketTimeout/.test(String((e.meta?.driverAdapterError as Error | undefined)?.message ?? "")) ||
    cause.kind === "TransactionWriteConflict" ||
    cause.originalCode === "40001" ||
    cause.originalCode === "40P01" ||
    /SQLITE_BUSY|database is locked/.test(message)
  ) {
    return new AppError(503, "busy", "The database is busy. Try again in a moment.", undefined, { "Retry-After": "1" });
  }
  // Connection trouble: the database is unreachable for now.
  if (code === "P1001" || code === "P1002" || code === "P1017" || cause.kind === "DatabaseNotReachable" || /ECONNREFUSED|Connection terminated/.test(message)) {
    return new AppError(503, "database_unavailable", "The database cannot be reached right now. Try again in a moment.", undefined, { "Retry-After": "5" });
  }
  return null;
}
