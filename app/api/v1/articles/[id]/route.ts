import { apiRoute } from "@/lib/http/api";
import { getArticleRepresentation } from "@/lib/articles/representation";
import { updateArticle } from "@/lib/articles/revisions";
import { updateArticleSchema } from "@/lib/articles/schemas";

export const GET = apiRoute<{ id: string }>(async ({ user, params, request }) => {
  const rep = await getArticleRepresentation(user, params.id);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    ETag: rep.etag,
    "Cache-Control": "private, no-cache",
    Vary: "Accept-Encoding, Cookie, Authorization",
  };
  if (request.headers.get("if-none-match") === rep.etag) return new Response(null, { status: 304, headers });
  // The cached bytes go out as they are, not copied per request.
  return new Response(rep.json as unknown as BodyInit, { headers });
});

// The answer is the article with its re-anchored claims, plus `reanchored` (counts per anchor state).
export const PUT = apiRoute<{ id: string }>(async ({ user, params, body }) => updateArticle(user, params.id, await body(updateArticleSchema)));
