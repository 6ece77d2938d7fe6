/**
 * Backups and restores of the app's database (SQLite: the online backup API; PostgreSQL:
 * pg_dump/pg_restore). Used by `npm run backup` and `npm run restore` (scripts/backup.mts,
 * scripts/restore.mts) and by the restore drill test.
 *
 * A SQLite backup is one file: a consistent copy of the database without sessions or pending
 * verifications (a backup must not be a bag of logins), with the installation's auth secret in a
 * table of its own (`_claimcheck_backup`) so that what the secret protects (second factors, signed
 * cookies) still works after a restore. It is written readable by its owner only.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, openSync, closeSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { classifyDatabaseUrl, type DatabaseTarget } from "../prisma/database-url.ts";
import { dataDir, runningServers } from "./run-marker.mjs";

/** Tables whose rows are never put in a backup: live logins, pending one-time codes, who has an article open now. */
export const EXCLUDED_TABLES = ["Session", "Verification", "ArticlePresence"];
/** The Setting row holding the last backup's time and size, so every app process (on any host) can show it. */
export const LAST_BACKUP_SETTING = "ops.lastBackup";
const META_TABLE = "_claimcheck_backup";

export type BackupInfo = { at: string; file: string; bytes: number; dialect: string };

/** The installation's auth secret file (beside the SQLite file, or ./data for PostgreSQL). */
export function authSecretFile(url = process.env.DATABASE_URL): string {
  return path.join(dataDir(url), ".auth-secret");
}

function lastBackupFile(url = process.env.DATABASE_URL): string {
  return path.join(dataDir(url), ".last-backup.json");
}

/** The last backup made of this installation, or null. */
export function readLastBackup(url = process.env.DATABASE_URL): BackupInfo | null {
  try {
    return JSON.parse(readFileSync(lastBackupFile(url), "utf8")) as BackupInfo;
  } catch {
    return null;
  }
}

function currentSecret(url?: string): string | null {
  const file = authSecretFile(url);
  return existsSync(file) ? readFileSync(file, "utf8").trim() : null;
}

/** Creates `file` empty with mode 0600 before anything is written into it. */
function createPrivate(file: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  closeSync(openSync(file, "w", 0o600));
  chmodSync(file, 0o600);
}

function stamp() {
  return new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "");
}

/** Makes a backup of the database named by `url` into `out`. Safe while the app runs and writes. */
export async function backupDatabase(out: string, url = process.env.DATABASE_URL): Promise<BackupInfo> {
  const target = classifyDatabaseUrl(url);
  const dest = path.resolve(out);
  const tmp = `${dest}.partial-${process.pid}`;
  createPrivate(tmp);
  try {
    if (target.dialect === "sqlite") await backupSqlite(target.path, tmp, currentSecret(url));
    else backupPostgres(target.url, tmp);
    renameSync(tmp, dest);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  chmodSync(dest, 0o600);
  if (target.dialect === "postgresql") {
    const secret = currentSecret(url);
    if (secret) {
      createPrivate(`${dest}.auth-secret`);
      writeFileSync(`${dest}.auth-secret`, secret);
    }
  }
  const info: BackupInfo = { at: new Date().toISOString(), file: dest, bytes: statSync(dest).size, dialect: target.dialect };
  writeFileSync(lastBackupFile(url), JSON.stringify(info));
  await recordLastBackup(info, url);
  return info;
}

/**
 * Notes the backup in the database itself (Setting `ops.lastBackup`: time, size, file name, no
 * path), where the admin page reads it whichever process or host serves it. A database that
 * cannot take the note (an old schema) keeps the file beside it only.
 */
async function recordLastBackup(info: BackupInfo, url = process.env.DATABASE_URL) {
  const target = classifyDatabaseUrl(url);
  const value = JSON.stringify({ at: info.at, bytes: info.bytes, fileName: path.basename(info.file), dialect: info.dialect });
  const sql = `INSERT INTO "Setting" ("key", "value") VALUES ($1, $2) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`;
  try {
    if (target.dialect === "sqlite") {
      const db = new Database(target.path, { fileMustExist: true });
      try {
        db.pragma("busy_timeout = 5000");
        db.prepare(sql.replace("$1", "?").replace("$2", "?")).run(LAST_BACKUP_SETTING, value);
      } finally {
        db.close();
      }
    } else {
      const { default: pg } = await import("pg");
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      try {
        await client.query(sql, [LAST_BACKUP_SETTING, value]);
      } finally {
        await client.end();
      }
    }
  } catch (error) {
    console.warn(`The backup was made, but its time could not be noted in the database: ${error instanceof Error ? error.message : error}`);
  }
}

async function backupSqlite(dbPath: string, tmp: string, secret: string | null) {
  if (!existsSync(dbPath)) throw new Error(`There is no database at ${dbPath}.`);
  const source = new Database(dbPath, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    // SQLite's online backup: a consistent snapshot while other connections keep writing.
    await source.backup(tmp);
  } finally {
    source.close();
  }
  const copy = new Database(tmp);
  try {
    copy.pragma("journal_mode = DELETE");
    const tables = new Set((copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    for (const table of EXCLUDED_TABLES) if (tables.has(table)) copy.prepare(`DELETE FROM "${table}"`).run();
    copy.exec(`CREATE TABLE "${META_TABLE}" (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    const put = copy.prepare(`INSERT INTO "${META_TABLE}" (key, value) VALUES (?, ?)`);
    put.run("createdAt", new Date().toISOString());
    if (secret) put.run("authSecret", secret);
    // Deleted rows stay in free pages until the file is rebuilt: sessions must not linger there.
    copy.exec("VACUUM");
  } finally {
    copy.close();
  }
}

function pgTool(name: string): string {
  const found = spawnSync("sh", ["-c", `command -v ${name} || ls /usr/lib/postgresql/*/bin/${name} 2>/dev/null | sort -V | tail -n 1`], { encoding: "utf8" }).stdout.trim().split("\n").pop();
  if (!found) throw new Error(`${name} is not installed: install PostgreSQL's client tools (apt-get install postgresql-client) to back up or restore a PostgreSQL database.`);
  return found;
}

function backupPostgres(url: string, tmp: string) {
  const args = ["--format=custom", "--no-owner", "--no-privileges", `--file=${tmp}`];
  for (const table of EXCLUDED_TABLES) args.push(`--exclude-table-data="${table}"`);
  const run = spawnSync(pgTool("pg_dump"), [...args, `--dbname=${url}`], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`pg_dump failed: ${run.stderr.trim()}`);
}

export type RestoreResult = { keptCopy: string; secretRestored: boolean; warnings: string[] };

/**
 * Puts the backup `from` in place of the database named by `url`. Refuses while an app server
 * serves it; keeps a copy of what it replaces; leaves no stale journal files.
 */
export async function restoreDatabase(from: string, url = process.env.DATABASE_URL): Promise<RestoreResult> {
  const target = classifyDatabaseUrl(url);
  const source = path.resolve(from);
  if (!existsSync(source)) throw new Error(`There is no backup at ${source}.`);
  const running = runningServers(url);
  if (running.length) throw new Error(`The app is running (process ${running.join(", ")}): stop it before restoring.`);
  return target.dialect === "sqlite" ? restoreSqlite(source, target, url) : restorePostgres(source, target.url, url);
}

/** Other sessions on the PostgreSQL database (app processes on other machines, tools). */
async function otherPostgresSessions(dbUrl: string): Promise<number> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}

function restoreSecret(secret: string | null, url: string | undefined, at: string, warnings: string[]): boolean {
  if (!secret) return false;
  if (process.env.BETTER_AUTH_SECRET && process.env.BETTER_AUTH_SECRET !== secret) {
    warnings.push("BETTER_AUTH_SECRET is set and differs from the backup's secret: set it to the backup's value (in the .auth-secret file) or second factors will not work.");
  }
  const file = authSecretFile(url);
  const current = currentSecret(url);
  if (current === secret) return false;
  if (current !== null) renameSync(file, `${file}.before-restore-${at}`);
  createPrivate(file);
  writeFileSync(file, secret);
  return true;
}

async function restoreSqlite(source: string, target: Extract<DatabaseTarget, { dialect: "sqlite" }>, url: string | undefined): Promise<RestoreResult> {
  const warnings: string[] = [];
  // Check the backup first: a readable SQLite file of this app with its metadata.
  let secret: string | null = null;
  {
    const b = new Database(source, { readonly: true, fileMustExist: true });
    try {
      const ok = b.pragma("quick_check", { simple: true });
      if (ok !== "ok") throw new Error(`The backup ${source} is damaged (${ok}).`);
      const meta = b.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`).get(META_TABLE);
      if (!meta || !b.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get()) {
        throw new Error(`${source} is not a backup made by \`npm run backup\`.`);
      }
      secret = (b.prepare(`SELECT value FROM "${META_TABLE}" WHERE key = 'authSecret'`).get() as { value: string } | undefined)?.value ?? null;
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_NOTADB") throw new Error(`${source} is not a SQLite backup.`);
      throw error;
    } finally {
      b.close();
    }
  }
  const at = stamp();
  const dbPath = target.path;
  mkdirSync(path.dirname(dbPath), { recursive: true });
  let keptCopy = "";
  if (existsSync(dbPath)) {
    // A consistent copy of what is replaced (its WAL included), made with the backup API.
    keptCopy = `${dbPath}.before-restore-${at}`;
    const current = new Database(dbPath, { fileMustExist: true });
    try {
      await current.backup(keptCopy);
    } finally {
      current.close();
    }
    chmodSync(keptCopy, 0o600);
  }
  const incoming = `${dbPath}.restoring-${process.pid}`;
  copyFileSync(source, incoming);
  chmodSync(incoming, 0o600);
  {
    const db = new Database(incoming);
    try {
      db.exec(`DROP TABLE "${META_TABLE}"`);
      db.pragma("journal_mode = WAL");
      db.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      db.close();
    }
  }
  // No journal of the replaced database may survive beside the restored one.
  for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(dbPath + suffix, { force: true });
  renameSync(incoming, dbPath);
  for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(incoming + suffix, { force: true });
  const secretRestored = restoreSecret(secret, url, at, warnings);
  return { keptCopy, secretRestored, warnings };
}

async function restorePostgres(source: string, dbUrl: string, url: string | undefined): Promise<RestoreResult> {
  const warnings: string[] = [];
  const others = await otherPostgresSessions(dbUrl);
  if (others) throw new Error(`The database has ${others} other connection(s): the app is running somewhere. Stop every app process before restoring.`);
  const at = stamp();
  const keptCopy = `${source}.before-restore-${at}.dump`;
  createPrivate(keptCopy);
  const dump = spawnSync(pgTool("pg_dump"), ["--format=custom", "--no-owner", "--no-privileges", `--file=${keptCopy}`, `--dbname=${dbUrl}`], { encoding: "utf8" });
  if (dump.status !== 0) throw new Error(`Could not keep a copy of the current database (pg_dump): ${dump.stderr.trim()}`);
  // --clean drops what the dump will recreate (DROP TABLE does not fire the audit log's triggers).
  const run = spawnSync(pgTool("pg_restore"), ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${dbUrl}`, source], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`pg_restore failed (the database is unchanged): ${run.stderr.trim()}`);
  const secretFile = `${source}.auth-secret`;
  const secret = existsSync(secretFile) ? readFileSync(secretFile, "utf8").trim() : null;
  return { keptCopy, secretRestored: restoreSecret(secret, url, at, warnings), warnings };
}

