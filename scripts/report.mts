/**
 * npm run report -- --article <id|all> --format <md|html|pdf|csv|json|claimreview|annotations>
 *                   [--scope all|approved] [--paper a4|letter] --out <file|dir|->
 * Writes verification reports straight from the database (DATABASE_URL, as the app uses).
 * With `--article all`, --out is a folder and each article gets its own <slug>-<date>.<ext>.
 */
import { closeSync, mkdirSync, openSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrismaClient } from "../lib/db-client.ts";
import { appOrigin, databaseUrl } from "../lib/config.ts";
import { loadReportDataFrom } from "../lib/reports/load.ts";
import { buildReportFile, reportFileHead, writeReportBody } from "../lib/reports/build.ts";
import { defaultScope, REPORT_FORMATS, REPORT_SCOPES, type ReportFormat, type ReportScope } from "../lib/reports/model.ts";

const usage = `usage: npm run report -- --article <id|all> --format <${REPORT_FORMATS.join("|")}> [--scope all|approved] [--paper a4|letter] --out <file|folder|->`;

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

let values: Record<string, string | undefined>;
try {
  ({ values } = parseArgs({
    options: { article: { type: "string" }, format: { type: "string" }, scope: { type: "string" }, paper: { type: "string" }, out: { type: "string" }, help: { type: "string" } },
    strict: true,
  }) as { values: Record<string, string | undefined> });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (!values.article) fail("--article is required.");
if (!values.format || !(REPORT_FORMATS as readonly string[]).includes(values.format)) fail("--format is required and must be a known format.");
if (values.scope && !(REPORT_SCOPES as readonly string[]).includes(values.scope)) fail("--scope must be all or approved.");
if (values.paper && values.paper !== "a4" && values.paper !== "letter") fail("--paper must be a4 or letter.");
if (!values.out) fail("--out is required (a file, a folder with --article all, or - for standard output).");

const format = values.format as ReportFormat;
const scope = (values.scope as ReportScope | undefined) ?? defaultScope(format);
const paper = (values.paper as "a4" | "letter" | undefined) ?? null;
const db = createPrismaClient(databaseUrl());

async function main() {
  const ids =
    values.article === "all"
      ? (await db.article.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } })).map((a) => a.id)
      : [values.article!];
  const many = values.article === "all";
  if (many) {
    if (values.out === "-") fail("--article all writes one file per article: give --out a folder.");
    mkdirSync(values.out!, { recursive: true });
  } else if (values.out !== "-") {
    let isDir = false;
    try {
      isDir = statSync(values.out!).isDirectory();
    } catch {
      /* a new file */
    }
    if (isDir) values.out = path.join(values.out!, "\0");
  }
  for (const id of ids) {
    const data = await loadReportDataFrom(db, id, { scope, appOrigin: appOrigin() });
    if (!data) {
      console.error(`No article with id ${id}.`);
      process.exitCode = 1;
      continue;
    }
    if (values.out === "-") {
      process.stdout.write((await buildReportFile(format, data, { paper })).body);
      continue;
    }
    const { fileName } = reportFileHead(format, data);
    const target = many ? path.join(values.out!, fileName.unicode) : values.out!.endsWith("\0") ? path.join(path.dirname(values.out!), fileName.unicode) : values.out!;
    // Written as it is made (PDF pages, CSV rows, HTML and JSON claims), never held whole.
    const fd = openSync(target, "w");
    try {
      await writeReportBody(format, data, paper, { text: (s) => void writeSync(fd, s), bytes: (b) => void writeSync(fd, b) });
    } finally {
      closeSync(fd);
    }
    console.error(`Wrote ${target} (${format}, ${data.scope}: ${data.claims.length} of ${data.totalClaims} claims, revision ${data.article.revision}).`);
  }
}

main()
  .catch((error) => {
    console.error("report failed:", error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
