import { jsonResponse } from "@/lib/http/bytes-response";

/**
 * Liveness probe, and the bare baseline route of `npm run bench`. It answers the way API routes do
 * (lib/http/api.ts apiRoute: jsonResponse), so the bench compares like with like: a standard
 * `Response.json` costs ~30 µs more per request here (its body stream), which would flatter every
 * ratio measured against this route.
 */
export function GET() {
  return jsonResponse({ ok: true });
}
