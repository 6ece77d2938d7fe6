import { apiRoute } from "@/lib/http/api";
import { NotFoundError } from "@/lib/errors";
import { chooseContentCoding, ifNoneMatchMatches, sendsOwnEncoding } from "@/lib/http/encoding";
import { bytesResponse } from "@/lib/http/bytes-response";
import { encodedText, etagFor, getArticleText } from "@/lib/articles/text";

// The article's text as text/plain (UTF-8), `?revision=N` for a given revision (the article page
// asks for the one it rendered, so text and claims' offsets always belong together).
export const GET = apiRoute<{ id: string }>(async ({ user, params, request }) => {
  const asked = new URL(request.url).searchParams.get("revision");
  if (asked !== null && !/^[1-9]\d{0,6}$/.test(asked)) throw new NotFoundError("revision");
  const text = await getArticleText(user, params.id, asked === null ? undefined : Number(asked));
  // Next's router drops a route's own Content-Encoding: there the bytes go out as they are.
  const encoding = (sendsOwnEncoding() && chooseContentCoding(request.headers.get("accept-encoding"))) || "identity";
  const headers: Record<string, string> = {
    "Content-Type": "text/plain; charset=utf-8",
    ETag: etagFor(text, encoding),
    "Cache-Control": "private, no-cache",
    Vary: "Accept-Encoding, Cookie, Authorization",
    "X-Article-Revision": String(text.revision),
  };
  if (ifNoneMatchMatches(request.headers.get("if-none-match"), headers.ETag)) return new Response(null, { status: 304, headers });
  if (encoding !== "identity") headers["Content-Encoding"] = encoding;
  return bytesResponse(encodedText(text, encoding), { headers });
});
