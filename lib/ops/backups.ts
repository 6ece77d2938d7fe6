import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { classifyDatabaseUrl } from "@/prisma/database-url";
import { ForbiddenError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";

export type LastBackup = { at: string; bytes: number; fileName: string; dialect: string };

/** The folder holding the database's files (the SQLite file's folder, or ./data for PostgreSQL). */
function dataDir(): string {
  const target = classifyDatabaseUrl(process.env.DATABASE_URL);
  return target.dialect === "sqlite" ? path.dirname(target.path) : path.resolve("data");
}

/** The last backup `npm run backup` made of this installation (admins only), or null. */
export async function getLastBackup(actor: Actor): Promise<LastBackup | null> {
  if (!can(actor, "users:manage")) throw new ForbiddenError();
  try {
    const info = JSON.parse(await readFile(path.join(dataDir(), ".last-backup.json"), "utf8")) as { at: string; bytes: number; file: string; dialect: string };
    // Only the file's name: the full path says nothing an admin needs here.
    return { at: info.at, bytes: info.bytes, fileName: path.basename(info.file), dialect: info.dialect };
  } catch {
    return null;
  }
}
