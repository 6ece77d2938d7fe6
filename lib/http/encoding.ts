/**
 * Whether a route's own Content-Encoding reaches the client. The lean API router (lib/http/lean-router.ts)
 * sends a Response's headers as they are; Next's router drops a route's Content-Encoding, so a
 * route may send pre-compressed bytes only under the lean router. Kept on globalThis: the router
 * and the routes may be two copies of lib/ in one process.
 */
const LEAN = Symbol.for("claimcheck.leanApi");

/** Called by the lean router when it starts serving. */
export function markOwnEncodingSent(): void {
  (globalThis as Record<symbol, unknown>)[LEAN] = true;
}

/** True when API routes are served by the lean router. */
export function sendsOwnEncoding(): boolean {
  return (globalThis as Record<symbol, unknown>)[LEAN] === true;
}
