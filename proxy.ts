import { NextResponse, type NextRequest } from "next/server";
import { refuseEarly } from "@/lib/http/checks";
import { API_CSP, COMMON_SECURITY_HEADERS, HSTS, servedOverHttps } from "@/lib/http/security-headers";

const PUBLIC_PAGES = ["/sign-in", "/setup", "/invite"];
const SESSION_COOKIES = ["claims.session_token", "__Host-claims.session_token"];

function isHttps(request: NextRequest) {
  return servedOverHttps(request.nextUrl.protocol, request.headers.get("x-forwarded-proto"));
}

/**
 * Security headers on every page and API response, and a redirect to sign-in for visitors
 * without a session cookie. This is not the access check: every page, action and route
 * handler checks the session itself.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // Malformed %-escapes (400) and server actions from another origin (403), in the error shape,
  // before any router or action handler can turn them into a 500.
  const refused = refuseEarly(request.method, pathname, request.headers);
  if (refused) return refused;
  const isApi = pathname.startsWith("/api/");
  const dev = process.env.NODE_ENV === "development";
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = isApi
    ? API_CSP
    : [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
        // Status colours are set as inline style attributes.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
      ].join("; ");

  let response: NextResponse;
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  // A server action is an endpoint that checks the session itself and must answer with its own
  // refusal; redirecting it (Next also forwards actions internally to the page that owns them)
  // would turn "unauthorized" into an empty answer.
  const isAction = request.method === "POST" && request.headers.has("next-action");
  if (!isApi && !isAction && !signedIn && !PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
    response = NextResponse.redirect(url);
  } else {
    const requestHeaders = new Headers(request.headers);
    // Next reads the nonce from the request's CSP header and puts it on its own scripts.
    requestHeaders.set("content-security-policy", csp);
    requestHeaders.set("x-nonce", nonce);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) response.headers.set(name, value);
  if (isHttps(request)) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
