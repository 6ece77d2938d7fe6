import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { reanchorClaims, type ReanchorResult } from "@/lib/anchoring/reanchor";
import { claimSelect, toClaimDto } from "@/lib/claims/dto";
import { recordArticleEvent } from "@/lib/events/record";

type Tx = Prisma.TransactionClient;

export type RevisionSource = "edit" | "import" | "refresh";

/** What a new revision did to the claims: counts per anchor state. */
export type ReanchorSummary = { exact: number; moved: number; orphaned: number; retired: number; changedClaims: number };

const anchorFields = { id: true, start: true, end: true, quote: true, prefix: true, suffix: true, checkedQuote: true, anchor: true, anchorConfidence: true } as const;

/** Re-anchors an article's claims in `body` without writing anything (a preview, or a held refresh). */
export async function previewReanchor(tx: Tx, articleId: string, body: string): Promise<{ results: ReanchorResult[]; before: Map<string, string> }> {
  const claims = await tx.claim.findMany({ where: { articleId }, select: anchorFields });
  const results = reanchorClaims(
    body,
    claims.map((c) => ({ ...c, checkedQuote: c.checkedQuote || c.quote })),
  );
  return { results, before: new Map(claims.map((c) => [c.id, c.anchor])) };
}

export function summarize(results: ReanchorResult[], changedClaims = 0): ReanchorSummary {
  const s: ReanchorSummary = { exact: 0, moved: 0, orphaned: 0, retired: 0, changedClaims };
  for (const r of results) s[r.anchor] += 1;
  return s;
}

/**
 * Makes a new revision of an article in the caller's transaction: the revision is kept (text,
 * who, when, note, source), the article's body moves to it, every claim is re-anchored, each claim
 * whose anchor or offsets changed moves its version and emits `claim.updated`, and the article
 * emits `article.revised`. Orphaned claims keep their last offsets and quote stored (the API then
 * reports them as null) and their `checkedQuote`.
 */
export async function writeRevision(
  tx: Tx,
  input: { articleId: string; currentRevision: number; title: string; body: string; note: string; source: RevisionSource; actorId: string | null },
): Promise<{ revision: number; summary: ReanchorSummary }> {
  const revision = input.currentRevision + 1;
  await tx.articleRevision.create({
    data: { articleId: input.articleId, revision, title: input.title, body: input.body, note: input.note, source: input.source, createdById: input.actorId },
  });
  await tx.article.update({ where: { id: input.articleId }, data: { body: input.body, title: input.title, revision } });

  const claims = await tx.claim.findMany({ where: { articleId: input.articleId }, select: anchorFields });
  const results = reanchorClaims(
    input.body,
    claims.map((c) => ({ ...c, checkedQuote: c.checkedQuote || c.quote })),
  );
  const byId = new Map(claims.map((c) => [c.id, c]));
  let changedClaims = 0;
  for (const r of results) {
    const c = byId.get(r.id)!;
    if (r.anchor === "retired") continue;
    const checkedQuote = c.checkedQuote || c.quote;
    let data: Prisma.ClaimUpdateInput;
    if (r.anchor === "orphaned") {
      if (c.anchor === "orphaned") continue;
      data = { anchor: "orphaned", anchorConfidence: 0, checkedQuote };
    } else {
      const same = r.start === c.start && r.end === c.end && r.quote === c.quote && r.prefix === c.prefix && r.suffix === c.suffix && r.anchor === c.anchor && r.confidence === c.anchorConfidence;
      if (same) continue;
      data = { anchor: r.anchor, anchorConfidence: r.confidence, start: r.start!, end: r.end!, quote: r.quote!, prefix: r.prefix!, suffix: r.suffix!, checkedQuote };
    }
    changedClaims += 1;
    const row = await tx.claim.update({ where: { id: r.id }, data: { ...data, version: { increment: 1 } }, select: claimSelect });
    await recordArticleEvent(tx, { articleId: input.articleId, type: "claim.updated", actorId: input.actorId, claimId: r.id, claim: toClaimDto(row), revision });
  }
  await recordArticleEvent(tx, { articleId: input.articleId, type: "article.revised", actorId: input.actorId, revision });
  return { revision, summary: summarize(results, changedClaims) };
}
