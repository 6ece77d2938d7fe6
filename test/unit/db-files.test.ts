import { mkdtempSync, mkdirSync, statSync, writeFileSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { makeDatabasePrivate } from "@/lib/security/db-files";

it("makes the database file and its WAL private (0600) and its directory 0700", () => {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "cc-perm-")), "data");
  mkdirSync(dir, { mode: 0o755 });
  const file = path.join(dir, "claims.db");
  writeFileSync(file, "");
  writeFileSync(file + "-wal", "");
  chmodSync(file, 0o644);
  chmodSync(file + "-wal", 0o644);
  makeDatabasePrivate(file);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(statSync(file + "-wal").mode & 0o777).toBe(0o600);
  expect(statSync(dir).mode & 0o777).toBe(0o700);
});

it("leaves a shared sticky directory such as /tmp alone", () => {
  const before = statSync(os.tmpdir()).mode & 0o7777;
  const file = path.join(os.tmpdir(), `cc-perm-${process.pid}.db`);
  writeFileSync(file, "");
  makeDatabasePrivate(file);
  expect(statSync(os.tmpdir()).mode & 0o7777).toBe(before);
  expect(statSync(file).mode & 0o777).toBe(0o600);
});
