/**
 * `npm run db:generate`: writes the PostgreSQL schema from the one source (schema.prisma) and
 * generates both clients: lib/generated/prisma (SQLite) and lib/generated/prisma-postgresql.
 * The CLI skips its engine download when PRISMA_SCHEMA_ENGINE_BINARY names any file; generate
 * itself uses the bundled wasm.
 */
import { spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { postgresSchemaPath, postgresSchemaText, schemaPath } from "./migrator.mts";

await writeFile(postgresSchemaPath, postgresSchemaText(await readFile(schemaPath, "utf8")));
const cli = path.join(path.dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build", "index.js");
for (const schema of [schemaPath, postgresSchemaPath]) {
  const result = spawnSync(process.execPath, [cli, "generate", "--schema", schema], {
    stdio: "inherit",
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? path.resolve("package.json") },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
