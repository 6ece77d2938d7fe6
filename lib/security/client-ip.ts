/**
 * The client address for throttling. `next start` appends the socket address to
 * X-Forwarded-For, so its last entry is the peer we can vouch for. Behind a reverse proxy
 * (TRUST_PROXY=1) the proxy appends the real client, one hop earlier.
 */
export function clientIp(headers: Headers, trustProxy = process.env.TRUST_PROXY === "1"): string {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return headers.get("x-real-ip") ?? "unknown";
  const index = trustProxy ? Math.max(0, chain.length - 2) : chain.length - 1;
  return chain[index];
}
