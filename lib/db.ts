import "server-only";
import { createPrismaClient, type Db } from "@/lib/db-client";

const globalForDb = globalThis as unknown as { __claimsDb?: Db };

/** The one Prisma client of this process. */
export const db: Db = globalForDb.__claimsDb ?? createPrismaClient();
globalForDb.__claimsDb = db;

export type { Db };
