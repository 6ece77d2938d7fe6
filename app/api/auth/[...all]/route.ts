import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth";
import { signInWithEmail } from "@/lib/security/sign-in";
import { authSubpath, isServedAuthRoute } from "@/lib/security/auth-routes";
import { checkOrigin, errorShaped } from "@/lib/http/checks";
import { handleTwoFactorRoute } from "@/lib/security/two-factor-route";

const handlers = toNextJsHandler(auth);

function notServed(): Response {
  return errorShaped(404, "not_found", "That resource does not exist or you cannot see it.");
}

export async function GET(request: Request): Promise<Response> {
  if (!isServedAuthRoute("GET", request.url)) return notServed();
  return handlers.GET(request);
}

export async function POST(request: Request): Promise<Response> {
  if (!isServedAuthRoute("POST", request.url)) return notServed();
  // The app's Origin rule first, with a message that says what to set. A request with neither
  // an Origin nor a cookie (a script signing in) has nothing a cross-site page could ride on.
  if (request.headers.has("origin") || request.headers.has("cookie")) {
    const verdict = checkOrigin(request.headers);
    if (!verdict.ok) return errorShaped(403, "origin_refused", verdict.message);
  }
  const subpath = authSubpath(request.url);
  if (subpath === "/sign-in/email") return signInWithEmail(request, handlers.POST);
  if (subpath.startsWith("/two-factor/")) return handleTwoFactorRoute(request, subpath, handlers.POST);
  return handlers.POST(request);
}
