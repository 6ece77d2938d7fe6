/**
 * `npm run test:integration:pg`: the integration suite against PostgreSQL. Uses TEST_POSTGRES_URL
 * or CI_POSTGRES_URL (a server where this role may create databases; CI's .ci/run sets the
 * second, which nothing else reads, so that the SQLite pass stays on SQLite), else a
 * scratch server from the local PostgreSQL binaries; when PostgreSQL is not installed it says so
 * and passes (set REQUIRE_POSTGRES=1 to make that a failure, as CI does).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { startScratchPostgres, postgresBinDir, type ScratchPostgres } from "../prisma/pg-scratch.mts";

let scratch: ScratchPostgres | undefined;
let url = process.env.TEST_POSTGRES_URL || process.env.CI_POSTGRES_URL;
if (!url) {
  if (!postgresBinDir()) {
    const message = "test:integration:pg: PostgreSQL is not installed (apt-get install postgresql) and TEST_POSTGRES_URL is not set";
    if (process.env.REQUIRE_POSTGRES === "1") {
      console.error(`${message}.`);
      process.exit(1);
    }
    console.log(`${message}: skipped.`);
    process.exit(0);
  }
  scratch = await startScratchPostgres();
  url = scratch.adminUrl;
}
const jest = path.resolve("node_modules/jest/bin/jest.js");
// The migration-move test is about SQLite files: it runs in the SQLite pass.
const args = ["--selectProjects", "integration", "--maxWorkers=2", "--forceExit", "--testPathIgnorePatterns", "migrations-move", ...process.argv.slice(2)];
const run = spawnSync(process.execPath, [jest, ...args], { stdio: "inherit", env: { ...process.env, TEST_POSTGRES_URL: url } });
scratch?.stop();
process.exit(run.status ?? 1);
