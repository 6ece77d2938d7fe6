import "server-only";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { getArticleText, type ArticleText } from "@/lib/articles/text";
import { can, type Actor } from "@/lib/permissions";
import { isClaimed, suggestClaimsInSlices, type Suggestion } from "@/lib/suggestions/score";

// Scoring a long text takes a while (a few hundred milliseconds for 2 MB): the scored sentences of
// the last few texts are kept, keyed by the text's digest, and only the claimed ones are left out
// per call. A text is scored in slices (the server answers other requests between them), once:
// callers that ask while it is being scored wait for the same result.
const CACHED_TEXTS = 16;
type Scored = Promise<Suggestion[]>;
const scored: Map<string, Scored> = ((globalThis as { __claimcheckSuggestionScores?: Map<string, Scored> }).__claimcheckSuggestionScores ??= new Map());

function scoredSentences(text: ArticleText): Scored {
  const key = text.etag;
  let list = scored.get(key);
  if (list) {
    scored.delete(key);
  } else {
    list = suggestClaimsInSlices(text.body);
    // A failure is not kept: the next caller scores again.
    list.catch(() => scored.get(key) === list && scored.delete(key));
    if (scored.size >= CACHED_TEXTS) scored.delete(scored.keys().next().value!);
  }
  scored.set(key, list);
  return list;
}

/**
 * Scores a text nobody has asked suggestions for yet, in the background (an import calls it, so
 * the first checker to open a long article finds them ready). Nothing is checked or returned:
 * listSuggestions checks the permission when they are read.
 */
export function scoreInBackground(text: ArticleText): Promise<unknown> {
  return scoredSentences(text);
}

/**
 * Suggested claims for an article's current text (checkers and up), leaving out sentences already
 * claimed, with the revision they belong to and how many there are in all; `limit` keeps the
 * strongest (in text order: a long article can have thousands, and its page shows a hundred).
 */
export async function suggestionsForArticle(actor: Actor, articleId: string, limit?: number): Promise<{ suggestions: Suggestion[]; total: number; revision: number }> {
  if (!can(actor, "suggestions:read")) throw new ForbiddenError("Suggestions are for checkers, editors and admins.");
  // The text comes from the kept article texts (lib/articles/text.ts), with its revision.
  const text = await getArticleText(actor, articleId);
  const claims = await db.claim.findMany({ where: { articleId, anchor: { in: ["exact", "moved"] } }, select: { start: true, end: true } });
  const open = (await scoredSentences(text)).filter((s) => !isClaimed(s, claims));
  return { suggestions: limit === undefined ? open : strongest(open, limit), total: open.length, revision: text.revision };
}

/** The `limit` highest-scored of `list` (the earlier one of equal scores), in text order. */
export function strongest<T extends { score: number }>(list: T[], limit: number): T[] {
  if (list.length <= limit) return list;
  const kept = new Set(
    list
      .map((s, i) => ({ s, i }))
      .sort((a, b) => b.s.score - a.s.score || a.i - b.i)
      .slice(0, limit)
      .map((x) => x.s),
  );
  return list.filter((s) => kept.has(s));
}
