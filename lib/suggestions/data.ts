import "server-only";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { suggestClaims, type Suggestion } from "@/lib/suggestions/score";

/** Suggested claims for an article's current text (checkers and up), leaving out sentences already claimed. */
export async function listSuggestions(actor: Actor, articleId: string): Promise<Suggestion[]> {
  if (!can(actor, "suggestions:read")) throw new ForbiddenError("Suggestions are for checkers, editors and admins.");
  const article = await db.article.findUnique({
    where: { id: articleId },
    select: { body: true, claims: { where: { anchor: { in: ["exact", "moved"] } }, select: { start: true, end: true } } },
  });
  if (!article) throw new NotFoundError("article");
  return suggestClaims(article.body, { exclude: article.claims });
}
