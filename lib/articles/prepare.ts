import "server-only";
import { getArticleText } from "@/lib/articles/text";
import { keepBrotliInBackground } from "@/lib/http/encoding";
import { scoreInBackground } from "@/lib/suggestions/data";
import type { Actor } from "@/lib/permissions";
import { runAfterResponse } from "@/lib/request-context";

/**
 * After an import: what the article's first open needs, made in the background once the import
 * has been answered, so it is ready when a checker opens the article (its text kept with its
 * brotli form, its suggested claims scored). A failure here costs only that work: the first open
 * makes whatever is missing itself.
 */
export function prepareArticleInBackground(actor: Actor, articleId: string): void {
  runAfterResponse(() => {
    getArticleText(actor, articleId)
      .then((text) => Promise.all([keepBrotliInBackground(text.utf8, text), scoreInBackground(text)]))
      .catch((error) => console.error("Preparing an imported article failed:", error));
  });
}
