// Request checks that any server in front of the app can call (Next's proxy, route handlers, or
// a lean /api/v1 handler outside Next's router): percent-encoding, Origin, and the API's error
// shape. Pure apart from reading the environment; no database, no Next imports.
import { checkOrigin } from "@/lib/http/origin";

export { checkOrigin, expectedOrigin, configuredOrigin } from "@/lib/http/origin";

/** A Response in the API's error shape. */
export function errorShaped(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}

/** True when every %-escape in the path decodes to valid UTF-8 (each segment decodes on its own). */
export function pathDecodes(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/**
 * The checks that apply to every request before any route runs. Returns the refusal, or null.
 *  - a path with malformed percent-encoding is a 400, not a 500 from the router;
 *  - a server-action POST (Next-Action header) must pass the Origin rule: 403, not a 500.
 */
export function refuseEarly(method: string, pathname: string, headers: Headers): Response | null {
  if (!pathDecodes(pathname)) {
    return errorShaped(400, "malformed_path", "The address contains malformed percent-encoding (such as %ff). Check the link.");
  }
  if (method === "POST" && headers.has("next-action")) {
    const verdict = checkOrigin(headers);
    if (!verdict.ok) return errorShaped(403, "origin_refused", verdict.message);
  }
  return null;
}
