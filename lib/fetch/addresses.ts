/**
 * Which network addresses an import may connect to. Pure (no I/O): loopback, private,
 * link-local (cloud metadata lives there), carrier-grade NAT, multicast, documentation and other
 * reserved ranges are refused, in IPv4, IPv6 and IPv4-mapped/translated IPv6 forms.
 */
import { BlockList, isIP } from "node:net";

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001::", 32],
  ["2001:db8::", 32],
  ["2002::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) blocked.addSubnet(net, prefix, "ipv6");
// (No ::ffff:0:0/96 rule: BlockList checks IPv4 addresses as their mapped form, so it would refuse
// every IPv4 address. Mapped addresses are checked through their IPv4 part instead.)

/** The IPv4 address inside an IPv4-mapped or -compatible IPv6 address (any spelling), or null. */
export function embeddedIPv4(address: string): string | null {
  const a = address.toLowerCase().replace(/^\[|\]$/g, "");
  const dotted = a.match(/^(?:0{0,4}:){0,5}(?:ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/) ?? a.match(/^::(?:ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/);
  if (dotted) return dotted[1];
  const hex = a.match(/^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/) ?? a.match(/^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (hex) {
    const hi = parseInt(hex[1], 16);
    const lo = parseInt(hex[2], 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

/** Why an import may not connect to `address` (an IP literal), or null when it may. */
export function addressProblem(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, "");
  const family = isIP(bare);
  if (family === 0) return `"${address}" is not an IP address.`;
  if (family === 6) {
    const inner = embeddedIPv4(bare);
    if (inner && blocked.check(inner, "ipv4")) return `${address} is an IPv4-mapped form of ${inner}, a private or reserved address.`;
    if (blocked.check(bare, "ipv6")) return `${address} is a loopback, private, link-local or reserved address.`;
    return null;
  }
  if (blocked.check(bare, "ipv4")) {
    if (bare.startsWith("169.254.")) return `${address} is a link-local address (where cloud metadata services live).`;
    if (bare.startsWith("127.")) return `${address} is a loopback address (this server itself).`;
    return `${address} is a private or reserved address.`;
  }
  return null;
}
