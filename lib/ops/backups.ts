import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { classifyDatabaseUrl } from "@/prisma/database-url";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";

export type LastBackup = { at: string; bytes: number; fileName: string; dialect: string };

/** Where `npm run backup` notes the last backup in the database (scripts/backup-core.mts). */
const LAST_BACKUP_SETTING = "ops.lastBackup";

/** The folder holding the database's files (the SQLite file's folder, or ./data for PostgreSQL). */
function dataDir(): string {
  const target = classifyDatabaseUrl(process.env.DATABASE_URL);
  return target.dialect === "sqlite" ? path.dirname(target.path) : path.resolve("data");
}

function parse(text: string | undefined | null): LastBackup | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as { at?: unknown; bytes?: unknown; fileName?: unknown; file?: unknown; dialect?: unknown };
    if (typeof v.at !== "string" || typeof v.bytes !== "number" || Number.isNaN(Date.parse(v.at))) return null;
    const name = typeof v.fileName === "string" ? v.fileName : typeof v.file === "string" ? v.file : "";
    // Only the file's name: the full path says nothing an admin needs here.
    return { at: v.at, bytes: v.bytes, fileName: path.basename(name), dialect: typeof v.dialect === "string" ? v.dialect : "" };
  } catch {
    return null;
  }
}

/**
 * The last backup `npm run backup` made of this installation (admins only), or null: the note in
 * the database (shared by every app process and host), or the file beside the database that older
 * versions wrote (and a restore brings back no newer note than the backup itself), whichever is newer.
 */
export async function getLastBackup(actor: Actor): Promise<LastBackup | null> {
  if (!can(actor, "users:manage")) throw new ForbiddenError();
  const row = await db.setting.findUnique({ where: { key: LAST_BACKUP_SETTING } });
  const inDb = parse(row?.value);
  const inFile = parse(await readFile(path.join(dataDir(), ".last-backup.json"), "utf8").catch(() => null));
  if (inDb && inFile) return Date.parse(inFile.at) > Date.parse(inDb.at) ? inFile : inDb;
  return inDb ?? inFile;
}
