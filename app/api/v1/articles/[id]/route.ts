import { apiRoute } from "@/lib/http/api";
import { encodedRepresentation, getArticleRepresentation } from "@/lib/articles/representation";
import { chooseContentCoding, ifNoneMatchMatches, sendsOwnEncoding } from "@/lib/http/encoding";
import { bytesResponse } from "@/lib/http/bytes-response";
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
  // The lean router keeps a route's Content-Encoding (Next's router drops it): there the
  // compressed bytes kept with the representation go out as they are, under their own ETag
  // (brotli's is weak: its bytes get smaller once the version has stood a while, same content).
  const coding = sendsOwnEncoding() ? chooseContentCoding(request.headers.get("accept-encoding")) : null;
  if (coding === "gzip") headers.ETag = `${rep.etag.slice(0, -1)}-gz"`;
  if (coding === "br") headers.ETag = `W/${rep.etag.slice(0, -1)}-br"`;
  if (ifNoneMatchMatches(request.headers.get("if-none-match"), headers.ETag)) return new Response(null, { status: 304, headers });
  if (coding) {
    headers["Content-Encoding"] = coding;
    return bytesResponse(encodedRepresentation(rep, coding), { headers });
  }
  // The cached bytes go out as they are, not copied per request (lib/http/bytes-response.ts).
  return bytesResponse(rep.json, { headers });
});

// The answer is the article with its re-anchored claims, plus `reanchored` (counts per anchor state).
export const PUT = apiRoute<{ id: string }>(async ({ user, params, body }) => updateArticle(user, params.id, await body(updateArticleSchema)));
