import { chmodSync, existsSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Makes the SQLite file (and its -wal/-shm files) 0600 and its directory 0700. A shared
 * directory (sticky, like /tmp) or one owned by someone else is left alone: only the files are
 * then made private.
 */
export function makeDatabasePrivate(dbFile: string): void {
  const dir = path.dirname(dbFile);
  const info = statSync(dir);
  const ours = typeof process.getuid !== "function" || info.uid === process.getuid();
  if (ours && (info.mode & 0o1000) === 0) chmodSync(dir, 0o700);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) {
    if (existsSync(dbFile + suffix)) chmodSync(dbFile + suffix, 0o600);
  }
}
