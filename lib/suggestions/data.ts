import "server-only";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { createHash } from "node:crypto";
import { isClaimed, suggestClaims, type Suggestion } from "@/lib/suggestions/score";

// Scoring a long text takes a while (about a second for 2 MB): the scored sentences of the last
// few texts are kept, keyed by the text's digest, and only the claimed ones are left out per call.
const CACHED_TEXTS = 16;
const scored: Map<string, Suggestion[]> = ((globalThis as { __claimcheckSuggestions?: Map<string, Suggestion[]> }).__claimcheckSuggestions ??= new Map());

function scoredSentences(body: string): Suggestion[] {
  const key = createHash("sha256").update(body).digest("base64");
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
  const article = await db.article.findUnique({
    where: { id: articleId },
    select: { body: true, claims: { where: { anchor: { in: ["exact", "moved"] } }, select: { start: true, end: true } } },
  });
  if (!article) throw new NotFoundError("article");
  return scoredSentences(article.body).filter((s) => !isClaimed(s, article.claims));
}
