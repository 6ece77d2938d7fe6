/**
 * Seeding shared by the benchmark sections: an article made of the demo article repeated, with
 * one claim per sentence and evidence links on each, written with createMany (fast), and checked.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../../lib/db-client.ts";
import { quoteSelector } from "../../lib/anchoring/text.ts";
import { DEFAULT_STATUS_SCALE } from "../../lib/statuses/scale.ts";

/** An article body made of `demoBody` repeated, with `count` sentences marked as claims. */
export function buildBenchArticle(demoBody: string, count: number): { body: string; spans: { start: number; end: number }[] } {
  const spans: { start: number; end: number }[] = [];
  let body = "";
  for (let copy = 1; spans.length < count; copy++) {
    if (copy > 500) throw new Error("the demo article has too few sentences to place the claims");
    const part = `Part ${copy}.\n\n${demoBody}`;
    const offset = body.length === 0 ? 0 : body.length + 2;
    body = body.length === 0 ? part : `${body}\n\n${part}`;
    // Sentences: runs up to a full stop, question or exclamation mark, within one paragraph.
    for (const m of part.matchAll(/[^.!?\n]+[.!?]/g)) {
      const lead = m[0].length - m[0].trimStart().length;
      const start = offset + m.index! + lead;
      const end = offset + m.index! + m[0].length;
      if (end - start < 12) continue;
      spans.push({ start, end });
      if (spans.length === count) break;
    }
  }
  return { body, spans };
}

export type BenchArticleOptions = {
  claims: number;
  evidencePerClaim: number;
  createdById: string;
  /** Report-like content: a source URL and revision row, longer texts, Cyrillic claimants, and every other verdict approved by this user. */
  report?: { reviewerId: string };
};

/** Writes a benchmark article to `db` (seeded with the demo article) and returns its id. */
export async function seedBenchArticle(db: Db, options: BenchArticleOptions): Promise<{ articleId: string; bodyLength: number }> {
  const { claims: count, evidencePerClaim, createdById, report } = options;
  const demo = await db.article.findFirstOrThrow({ select: { body: true } });
  const { body, spans } = buildBenchArticle(demo.body, count);
  const title = `Benchmark article with ${count} claims`;
  const article = await db.article.create({
    data: {
      title,
      body,
      outlet: "Bench",
      createdById,
      claimCounter: count,
      ...(report ? { sourceUrl: "https://news.example/bench", revisions: { create: { revision: 1, title, body, source: "import" } } } : {}),
    },
    select: { id: true },
  });
  const claimRows = spans.map((s, i) => {
    const status = DEFAULT_STATUS_SCALE[i % DEFAULT_STATUS_SCALE.length];
    const approved = !!report && status.isVerdict && i % 2 === 0;
    return {
      id: randomUUID(),
      articleId: article.id,
      number: i + 1,
      start: s.start,
      end: s.end,
      ...quoteSelector(body, s.start, s.end),
      summary: report ? `Claim ${i + 1} as summarised by the desk` : `Claim ${i + 1}`,
      claimant: report ? (i % 3 === 0 ? "Kremlin" : "Дмитрий Кулеба") : i % 3 === 0 ? "Kremlin" : "",
      rationale: !status.isVerdict ? "" : report ? `Checked against two sources (claim ${i + 1}).\nSecond line with (parentheses) ~ and #hash.` : `Checked against two sources (claim ${i + 1}).`,
      statusKey: status.key,
      statusSetById: status.key === "unchecked" ? null : createdById,
      reviewState: status.isVerdict ? (approved ? "approved" : "pending") : "none",
      ...(report ? { checkedQuote: body.slice(s.start, s.end), reviewedById: approved ? report.reviewerId : null, reviewedAt: approved ? new Date() : null } : {}),
      createdById,
    };
  });
  await db.claim.createMany({ data: claimRows });
  const stances = ["supports", "refutes", "context"];
  await db.evidence.createMany({
    data: claimRows.flatMap((c, i) =>
      Array.from({ length: evidencePerClaim }, (_, j) => ({
        claimId: c.id,
        url: `https://www.example.org/evidence/${i + 1}/${j + 1}`,
        title: `Source ${j + 1} for claim ${i + 1}`,
        stance: stances[(i + j) % stances.length],
        note: j === 0 ? "Primary source." : "",
        addedById: createdById,
      })),
    ),
  });
  // Every stored quote must be the body's slice at its offsets.
  const stored = await db.claim.findMany({ where: { articleId: article.id }, select: { start: true, end: true, quote: true } });
  const bad = stored.filter((c) => body.slice(c.start, c.end) !== c.quote);
  if (stored.length !== count || bad.length) throw new Error(`seeded claims are wrong: ${stored.length} stored, ${bad.length} bad quotes`);
  return { articleId: article.id, bodyLength: body.length };
}
