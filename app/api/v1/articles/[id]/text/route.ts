import { apiRoute } from "@/lib/http/api";
import { NotFoundError } from "@/lib/errors";
import { keptEncoding, requestedCoding } from "@/lib/http/encoding";
import { encodedBytesResponse } from "@/lib/http/bytes-response";
import { etagFor, getArticleText } from "@/lib/articles/text";

// The article's text as text/plain (UTF-8), `?revision=N` for a given revision (the article page
// asks for the one it rendered, so text and claims' offsets always belong together).
export const GET = apiRoute<{ id: string }>(async ({ user, params, request }) => {
  const asked = new URL(request.url).searchParams.get("revision");
  if (asked !== null && !/^[1-9]\d{0,6}$/.test(asked)) throw new NotFoundError("revision");
  const text = await getArticleText(user, params.id, asked === null ? undefined : Number(asked));
  const coding = requestedCoding(request);
  const headers: Record<string, string> = {
    "Content-Type": "text/plain; charset=utf-8",
    ETag: etagFor(text, coding),
    "Cache-Control": "private, no-cache",
    Vary: "Accept-Encoding, Cookie, Authorization",
    "X-Article-Revision": String(text.revision),
  };
  return encodedBytesResponse(request, coding, headers, () => keptEncoding(text.utf8, text, coding));
});
