/** A benchmark database: the seed, one checker, and an article with `claims` claims (2 evidence links each). */
import { randomUUID } from "node:crypto";
import { applyPendingMigrations } from "../../prisma/migrator.mts";
import { seed } from "../../prisma/seed-data.mts";
import { createPrismaClient } from "../../lib/db-client.ts";
import { createAccount } from "../../lib/users/accounts.ts";
import { quoteSelector } from "../../lib/anchoring/text.ts";
import { DEFAULT_STATUS_SCALE } from "../../lib/statuses/scale.ts";
import { buildBenchArticle } from "./seed.mts";

export const BENCH_EMAIL = "bench-checker@example.com";
export const BENCH_PASSWORD = "bench passphrase that is long enough";

/** The demo article repeated until it holds `count` sentences, and those sentences' offsets. */
export function articleWithSentences(demoBody: string, count: number) {
  const { body, spans } = buildBenchArticle(demoBody, count);
  return { body, claims: spans };
}

export type BenchFixture = { articleId: string; claimIds: string[]; bodyLength: number; checkerId: string };

/** Migrates and fills `dbPath` for a benchmark. */
export async function prepareBenchDatabase(dbPath: string, count = 300): Promise<BenchFixture> {
  await applyPendingMigrations(dbPath);
  const db = createPrismaClient(`file:${dbPath}`);
  try {
    await seed(db, { ...process.env, SEED_ADMIN_EMAIL: "", SEED_ADMIN_PASSWORD: "" });
    const checker = await createAccount(db, { email: BENCH_EMAIL, name: "Bench Checker", role: "checker", password: BENCH_PASSWORD }, null);
    const demo = await db.article.findFirstOrThrow({ select: { body: true } });
    const { body, claims } = articleWithSentences(demo.body, count);
    const article = await db.article.create({
      data: {
        title: `Benchmark article with ${count} claims`,
        body,
        outlet: "Bench",
        createdById: checker.id,
        claimCounter: count,
        revisions: { create: { revision: 1, title: "Benchmark", body, source: "import" } },
      },
      select: { id: true },
    });
    const rows = claims.map((c, i) => {
      const status = DEFAULT_STATUS_SCALE[i % DEFAULT_STATUS_SCALE.length];
      return {
        id: randomUUID(),
        articleId: article.id,
        number: i + 1,
        start: c.start,
        end: c.end,
        ...quoteSelector(body, c.start, c.end),
        summary: `Claim ${i + 1}`,
        claimant: i % 3 === 0 ? "Kremlin" : "",
        rationale: status.isVerdict ? `Checked against two sources (claim ${i + 1}).` : "",
        statusKey: status.key,
        statusSetById: status.key === "unchecked" ? null : checker.id,
        reviewState: status.isVerdict ? "pending" : "none",
        createdById: checker.id,
      };
    });
    await db.claim.createMany({ data: rows });
    const stances = ["supports", "refutes", "context"];
    await db.evidence.createMany({
      data: rows.flatMap((c, i) =>
        [0, 1].map((j) => ({
          claimId: c.id,
          url: `https://www.example.org/evidence/${i + 1}/${j + 1}`,
          title: `Source ${j + 1} for claim ${i + 1}`,
          stance: stances[(i + j) % stances.length],
          note: j === 0 ? "Primary source." : "",
          addedById: checker.id,
        })),
      ),
    });
    return { articleId: article.id, claimIds: rows.map((r) => r.id), bodyLength: body.length, checkerId: checker.id };
  } finally {
    await db.$disconnect();
  }
}
