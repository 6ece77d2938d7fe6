import "server-only";
import { db } from "@/lib/db";
import { articleTransaction } from "@/lib/events/transaction";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { recordAudit } from "@/lib/audit/data";
import { safeFetch, FetchRefusedError } from "@/lib/fetch/safe-fetch";
import { readImportAllowedHosts } from "@/lib/fetch/allowed-hosts";
import { extractArticle, type ExtractedArticle } from "@/lib/articles/extract";
import { createArticle, type ArticleDto } from "@/lib/articles/data";
import { previewReanchor, summarize, writeRevision, type ReanchorSummary } from "@/lib/articles/revise";
import { countNewlyOrphaned } from "@/lib/anchoring/reanchor";
import { isAnchored } from "@/lib/claims/dto";
import type { ImportArticleInput } from "@/lib/articles/schemas";

export type ImportPreview = { title: string; byline: string | null; publishedAt: string | null; outlet: string | null; sourceUrl: string | null; body: string };

/** Fetches a page through the safe fetcher with the admin's allowed hosts. */
async function fetchPage(url: string) {
  return safeFetch(url, { allowedHosts: await readImportAllowedHosts() });
}

async function extractFrom(input: ImportArticleInput): Promise<ExtractedArticle> {
  if (input.url) {
    const page = await fetchPage(input.url);
    const extracted = page.contentType.startsWith("text/plain")
      ? { title: "Untitled page", byline: null, publishedAt: null, outlet: null, sourceUrl: page.url, body: page.text.replace(/\r\n?/g, "\n").normalize("NFC").trim() }
      : extractArticle(page.text, page.url);
    return extracted;
  }
  return extractArticle(input.html!, input.sourceUrl);
}

/**
 * Imports a web page (editors, admins): fetched safely or given as HTML, its main text extracted.
 * With `preview` nothing is saved: the extracted fields come back to be corrected in the form.
 */
export async function importArticle(actor: Actor, input: ImportArticleInput): Promise<ImportPreview | ArticleDto> {
  if (!can(actor, "article:create")) throw new ForbiddenError("Only editors and admins can import articles.");
  const extracted = await extractFrom(input);
  if (!extracted.body.trim()) throw new ValidationError("No article text was found on that page.", { [input.url ? "url" : "html"]: "No article text was found on that page." });
  const preview: ImportPreview = { title: extracted.title, byline: extracted.byline, publishedAt: extracted.publishedAt, outlet: extracted.outlet, sourceUrl: extracted.sourceUrl, body: extracted.body };
  if (input.preview) return preview;
  return createArticle(actor, {
    title: preview.title,
    body: preview.body,
    sourceUrl: preview.sourceUrl,
    outlet: preview.outlet,
    author: preview.byline,
    publishedAt: preview.publishedAt ? new Date(preview.publishedAt) : null,
  });
}

export type RefreshResult = {
  changed: boolean;
  revision: number;
  held?: boolean;
  summary?: ReanchorSummary & { newlyOrphaned: number; anchoredBefore: number; message: string };
};

/** How many claims a refresh may orphan before a person must confirm it: a third, at least 3. */
export function holdThreshold(anchoredBefore: number): number {
  return Math.max(3, Math.ceil(anchoredBefore / 3));
}

/**
 * "Check for changes": fetches the article's source again. A changed text becomes a new revision
 * (source "refresh") and claims are re-anchored. A change that would orphan many claims (a paywall,
 * an error page) is held, with a summary, until repeated with `confirm`.
 */
export async function refreshArticle(actor: Actor, articleId: string, input: { confirm: boolean }): Promise<RefreshResult> {
  if (!can(actor, "article:update")) throw new ForbiddenError("Only editors and admins can check articles for changes.");
  const article = await db.article.findUnique({ where: { id: articleId }, select: { id: true, sourceUrl: true, body: true, title: true, revision: true } });
  if (!article) throw new NotFoundError("article");
  if (!article.sourceUrl) throw new ValidationError("This article has no source URL to check.", { sourceUrl: "Add the article's URL first." });
  const page = await fetchPage(article.sourceUrl).catch((e) => {
    if (e instanceof FetchRefusedError) throw e;
    throw new FetchRefusedError("The source could not be fetched.", "network");
  });
  const extracted = page.contentType.startsWith("text/plain") ? { body: page.text.normalize("NFC").trim() } : extractArticle(page.text, page.url);
  if (!extracted.body.trim()) {
    throw new ValidationError("The source page has no article text now (an error page or a paywall?). Nothing was changed.", { sourceUrl: "No article text found." });
  }
  if (extracted.body === article.body) return { changed: false, revision: article.revision };

  if (!input.confirm) {
    const { results, before } = await db.$transaction((tx) => previewReanchor(tx, articleId, extracted.body));
    const claims = [...before].map(([id, anchor]) => ({ id, anchor, quote: "", prefix: "", suffix: "" }));
    const newlyOrphaned = countNewlyOrphaned(claims, results);
    const anchoredBefore = [...before.values()].filter(isAnchored).length;
    if (newlyOrphaned >= holdThreshold(anchoredBefore)) {
      return {
        changed: true,
        held: true,
        revision: article.revision,
        summary: {
          ...summarize(results),
          newlyOrphaned,
          anchoredBefore,
          message: `The page changed so much that ${newlyOrphaned} of ${anchoredBefore} claims would no longer be found (a paywall or an error page?). Nothing was changed; confirm to make it a new revision anyway.`,
        },
      };
    }
  }
  return articleTransaction(async (tx) => {
    const current = await tx.article.findUniqueOrThrow({ where: { id: articleId }, select: { revision: true, title: true, body: true } });
    if (current.body === extracted.body) return { changed: false, revision: current.revision };
    const written = await writeRevision(tx, {
      articleId,
      currentRevision: current.revision,
      title: current.title,
      body: extracted.body,
      note: `Changed after import: found on checking ${article.sourceUrl}`,
      source: "refresh",
      actorId: actor.id,
    });
    await recordAudit(tx, { actorId: actor.id, action: "article.refresh", objectType: "article", objectId: articleId, before: { revision: current.revision }, after: { revision: written.revision, reanchored: written.summary } });
    return { changed: true, revision: written.revision, summary: { ...written.summary, newlyOrphaned: written.summary.orphaned, anchoredBefore: 0, message: "A new revision was made from the changed page." } };
  });
}
