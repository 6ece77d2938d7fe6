import "server-only";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { getArticleText, type ArticleText } from "@/lib/articles/text";
import { can, type Actor } from "@/lib/permissions";
import { isClaimed, suggestClaims, type Suggestion } from "@/lib/suggestions/score";

// Scoring a long text takes a while (about a second for 2 MB): the scored sentences of the last
// few texts are kept, keyed by the text's digest, and only the claimed ones are left out per call.
const CACHED_TEXTS = 16;
const scored: Map<string, Suggestion[]> = ((globalThis as { __claimcheckSuggestions?: Map<string, Suggestion[]> }).__claimcheckSuggestions ??= new Map());

function scoredSentences(text: ArticleText): Suggestion[] {
  const body = text.body;
  const key = text.etag;
  let list = scored.get(key);
  if (list) {
    scored.delete(key);
  } else {
    list = suggestClaims(body);
    if (scored.size >= CACHED_TEXTS) scored.delete(scored.keys().next().value!);
  }
  scored.set(key, list);
  return list;
}

/** Suggested claims for an article's current text (checkers and up), leaving out sentences already claimed. */
export async function listSuggestions(actor: Actor, articleId: string): Promise<Suggestion[]> {
  if (!can(actor, "suggestions:read")) throw new ForbiddenError("Suggestions are for checkers, editors and admins.");
  // The text comes from the kept article texts (lib/articles/text.ts): the article page no longer
  // reads a long body from the database twice, once for the page and once for its suggestions.
  const text = await getArticleText(actor, articleId);
  const claims = await db.claim.findMany({ where: { articleId, anchor: { in: ["exact", "moved"] } }, select: { start: true, end: true } });
  return scoredSentences(text).filter((s) => !isClaimed(s, claims));
}
