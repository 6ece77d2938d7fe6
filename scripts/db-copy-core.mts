/**
 * Copies every table of one installation's database into another (SQLite → PostgreSQL is the
 * point; any direction works): `npm run db:copy -- --from <url> --to <url>`. The tables and their
 * order come from schema.prisma itself (a table after the ones it references), so tables other
 * branches add are copied too. The target is migrated first and must hold no rows; afterwards
 * each table's row count and a checksum of its rows (SHA-256 over the rows in key order, as JSON
 * with sorted keys) must match the source's.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- model delegates are looked up by name on either of two generated clients, whose types differ */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { applyPendingMigrations, schemaPath } from "../prisma/migrator.mts";
import { classifyDatabaseUrl, redactDatabaseUrl } from "../prisma/database-url.ts";
import { createPrismaClientWithSecrets as createPrismaClient, type DbWithSecrets as Db } from "../lib/db-client.ts";

export type ModelInfo = { name: string; delegate: string; idField: string; dependsOn: string[] };

/** Models of the schema, each after the models it references (self-references aside). */
export function modelsInCopyOrder(schema = readFileSync(schemaPath, "utf8")): ModelInfo[] {
  const models: ModelInfo[] = [];
  for (const match of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, name, body] = match;
    const lines = body.split("\n").map((l) => l.trim());
    const idLine = lines.find((l) => /^\w+\s+\S+.*@id\b/.test(l));
    if (!idLine) throw new Error(`db:copy: model ${name} has no single @id field`);
    const dependsOn = lines
      .filter((l) => /@relation\([^)]*fields:/.test(l))
      .map((l) => l.split(/\s+/)[1].replace(/[?[\]]/g, ""))
      .filter((m) => m !== name);
    models.push({ name, delegate: name[0].toLowerCase() + name.slice(1), idField: idLine.split(/\s+/)[0], dependsOn });
  }
  const ordered: ModelInfo[] = [];
  const placed = new Set<string>();
  while (ordered.length < models.length) {
    const next = models.find((m) => !placed.has(m.name) && m.dependsOn.every((d) => placed.has(d)));
    if (!next) throw new Error("db:copy: the schema's relations form a cycle");
    ordered.push(next);
    placed.add(next.name);
  }
  return ordered;
}

function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

const BATCH = 500;

async function* rowsOf(db: Db, model: ModelInfo) {
  const delegate = (db as any)[model.delegate];
  let cursor: string | undefined;
  for (;;) {
    const rows: Record<string, unknown>[] = await delegate.findMany({
      orderBy: { [model.idField]: "asc" },
      take: BATCH,
      ...(cursor === undefined ? {} : { skip: 1, cursor: { [model.idField]: cursor } }),
    });
    if (rows.length === 0) return;
    yield rows;
    cursor = String(rows[rows.length - 1][model.idField]);
    if (rows.length < BATCH) return;
  }
}

/** Row count and checksum of one table. */
export async function tableDigest(db: Db, model: ModelInfo): Promise<{ rows: number; sha256: string }> {
  const hash = createHash("sha256");
  let rows = 0;
  for await (const batch of rowsOf(db, model)) {
    for (const row of batch) hash.update(JSON.stringify(canonical(row)) + "\n");
    rows += batch.length;
  }
  return { rows, sha256: hash.digest("hex") };
}

export type CopyReport = { table: string; rows: number; sha256: string }[];

/** Copies every table from `fromUrl` into the empty database at `toUrl`, then verifies it. */
export async function copyDatabase(fromUrl: string, toUrl: string, log: (line: string) => void = () => {}): Promise<CopyReport> {
  const from = classifyDatabaseUrl(fromUrl);
  const to = classifyDatabaseUrl(toUrl);
  if (from.url === to.url) throw new Error("--from and --to name the same database");
  const models = modelsInCopyOrder();
  // Both at this release's schema: the source as `npm start` would leave it, the target made.
  await applyPendingMigrations(from);
  await applyPendingMigrations(to);
  const source = createPrismaClient(from.url);
  const target = createPrismaClient(to.url);
  try {
    for (const model of models) {
      const n = await (target as any)[model.delegate].count();
      if (n > 0) throw new Error(`The target ${to.dialect === "sqlite" ? to.path : redactDatabaseUrl(to.url)} already holds data (${n} row(s) in ${model.name}): db:copy only fills an empty database.`);
    }
    for (const model of models) {
      let copied = 0;
      for await (const batch of rowsOf(source, model)) {
        await (target as any)[model.delegate].createMany({ data: batch });
        copied += batch.length;
      }
      log(`${model.name}: ${copied} row(s)`);
    }
    const report: CopyReport = [];
    for (const model of models) {
      const [a, b] = await Promise.all([tableDigest(source, model), tableDigest(target, model)]);
      if (a.rows !== b.rows || a.sha256 !== b.sha256) {
        throw new Error(`Verification failed for ${model.name}: source ${a.rows} row(s) ${a.sha256.slice(0, 12)}, target ${b.rows} row(s) ${b.sha256.slice(0, 12)}`);
      }
      report.push({ table: model.name, ...a });
    }
    return report;
  } finally {
    await Promise.all([source.$disconnect(), target.$disconnect()]);
  }
}
