import { addressProblem, embeddedIPv4 } from "@/lib/fetch/addresses";

describe("addresses an import may not reach", () => {
  it.each([
    "127.0.0.1",
    "127.1.2.3",
    "10.0.0.5",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "::",
    "fe80::1",
    "fd00:ec2::254",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "0:0:0:0:0:ffff:a9fe:a9fe",
    "[::ffff:192.168.0.1]",
    "64:ff9b::7f00:1",
  ])("refuses %s with a reason", (a) => {
    expect(addressProblem(a)).toEqual(expect.any(String));
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("allows the public address %s", (a) => {
    expect(addressProblem(a)).toBeNull();
  });

  it("reads the IPv4 address inside mapped IPv6 spellings", () => {
    expect(embeddedIPv4("::ffff:7f00:1")).toBe("127.0.0.1");
    expect(embeddedIPv4("::ffff:169.254.169.254")).toBe("169.254.169.254");
    expect(embeddedIPv4("2001:db8::1")).toBeNull();
  });

  it("decimal, octal and hex IPv4 spellings become dotted form in the URL parser before the check", () => {
    for (const raw of ["http://2130706433/", "http://0177.0.0.1/", "http://0x7f.1/", "http://127.1/"]) {
      const host = new URL(raw).hostname;
      expect(host).toBe("127.0.0.1");
      expect(addressProblem(host)).toMatch(/loopback/);
    }
    expect(addressProblem(new URL("http://[::ffff:127.0.0.1]/").hostname)).toEqual(expect.any(String));
  });
});
