// The one Origin rule, for the app's own checks (API writes, server actions, sign-in) and the
// auth library's trusted-origins check alike:
//  - with APP_ORIGIN set, the Origin must equal it exactly;
//  - without it, the Origin must equal the request's own scheme and Host, and that Host must be
//    localhost, an IP address or this machine's own name, so a DNS-rebinding page (a hostile
//    name pointed at this machine) is refused.
// The scheme is the X-Forwarded-Proto header, which our servers (scripts/serve.mjs) always set
// themselves: from the socket, or from the proxy's header under TRUST_PROXY=1.
import { hostname } from "node:os";
import { isIP } from "node:net";

export type OriginVerdict = { ok: true; origin: string } | { ok: false; message: string };

/** APP_ORIGIN without a trailing slash, or null when unset or empty. */
export function configuredOrigin(): string | null {
  const value = (process.env.APP_ORIGIN ?? "").trim().replace(/\/$/, "");
  return value || null;
}

function hostIsLocal(host: string): boolean {
  let name: string;
  try {
    name = new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  const bare = name.startsWith("[") ? name.slice(1, -1) : name;
  return bare === "localhost" || isIP(bare) !== 0 || bare === hostname().toLowerCase();
}

/** The origin a request to this server must come from, or why there is none. */
export function expectedOrigin(headers: Headers): OriginVerdict {
  const configured = configuredOrigin();
  if (configured) return { ok: true, origin: configured };
  const host = headers.get("host") ?? "";
  const proto = (headers.get("x-forwarded-proto") ?? "http").split(",")[0].trim().toLowerCase() === "https" ? "https" : "http";
  if (!host || !hostIsLocal(host)) {
    return {
      ok: false,
      message: `This app was reached as "${host}", which is not localhost, an IP address or this machine's name (${hostname()}). Set APP_ORIGIN to the address people open it at (for example APP_ORIGIN=https://${host || "claims.example.org"}) and restart.`,
    };
  }
  return { ok: true, origin: `${proto}://${host.toLowerCase()}` };
}

/** Whether the request's Origin header satisfies the rule; if not, a message saying what to do. */
export function checkOrigin(headers: Headers): { ok: true } | { ok: false; message: string } {
  const expected = expectedOrigin(headers);
  if (!expected.ok) return expected;
  const origin = headers.get("origin");
  if (!origin || origin === "null") {
    return { ok: false, message: "This request has no Origin header, so it cannot be told apart from a cross-site one. Browsers send it; scripts should use an API token (Authorization: Bearer) instead." };
  }
  if (origin.toLowerCase() === expected.origin.toLowerCase()) return { ok: true };
  return {
    ok: false,
    message: configuredOrigin()
      ? `This app is set up for ${expected.origin} (APP_ORIGIN), but the request came from ${origin}. Open the app at ${expected.origin}, or change APP_ORIGIN and restart.`
      : `The request came from ${origin}, but this server was reached as ${expected.origin}. Open the app at one address (or set APP_ORIGIN to it and restart).`,
  };
}
