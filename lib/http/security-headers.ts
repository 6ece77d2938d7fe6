/**
 * The security headers of every response, in one place for both ways a request is served:
 * proxy.ts (pages, and whatever Next serves) and the lean API router (lib/http/lean-router.ts).
 * Pure: no Next, no I/O.
 */

/** The Content-Security-Policy of JSON API responses: nothing may load or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Headers every response carries besides its CSP. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

export const HSTS = "max-age=63072000; includeSubDomains";

/** Whether the app is reached over https (then HSTS is sent): the URL, a proxy's header, or the configured origin. */
export function servedOverHttps(protocol: string, forwardedProto: string | null): boolean {
  return protocol === "https:" || forwardedProto === "https" || (process.env.APP_ORIGIN ?? "").startsWith("https://");
}
