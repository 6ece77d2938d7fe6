/**
 * The client address for throttling. Our server (scripts/serve.mjs) sets X-Forwarded-For to
 * the socket's address, or with TRUST_PROXY=1 appends it to what the proxy sent: the last
 * entry is then the proxy itself and the one before it the client the proxy saw.
 */
export function clientIp(headers: Headers, trustProxy = process.env.TRUST_PROXY === "1"): string | null {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return headers.get("x-real-ip");
  const index = trustProxy ? Math.max(0, chain.length - 2) : chain.length - 1;
  return chain[index];
}
