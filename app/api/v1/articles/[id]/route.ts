import { apiRoute } from "@/lib/http/api";
import { encodedRepresentation, getArticleRepresentation } from "@/lib/articles/representation";
import { requestedCoding } from "@/lib/http/encoding";
import { encodedBytesResponse } from "@/lib/http/bytes-response";
import { updateArticle } from "@/lib/articles/revisions";
import { updateArticleSchema } from "@/lib/articles/schemas";

export const GET = apiRoute<{ id: string }>(async ({ user, params, request }) => {
  const rep = await getArticleRepresentation(user, params.id);
  // The lean router keeps a route's Content-Encoding (Next's router drops it): there the
  // compressed bytes kept with the representation go out as they are, under their own ETag
  // (brotli's is weak: its bytes get smaller once the version has stood a while, same content).
  const coding = requestedCoding(request);
  const etag = coding === "gzip" ? `${rep.etag.slice(0, -1)}-gz"` : coding === "br" ? `W/${rep.etag.slice(0, -1)}-br"` : rep.etag;
  const headers = { "Content-Type": "application/json", ETag: etag, "Cache-Control": "private, no-cache", Vary: "Accept-Encoding, Cookie, Authorization" };
  return encodedBytesResponse(request, coding, headers, () => encodedRepresentation(rep, coding));
});

// The answer is the article with its re-anchored claims, plus `reanchored` (counts per anchor state).
export const PUT = apiRoute<{ id: string }>(async ({ user, params, body }) => updateArticle(user, params.id, await body(updateArticleSchema)));
