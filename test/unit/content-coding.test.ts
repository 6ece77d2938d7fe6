import { chooseContentCoding, ifNoneMatchMatches, keepBrotliInBackground, keptEncoding } from "@/lib/http/encoding";

describe("chooseContentCoding", () => {
  const cases: [string | null, "br" | "gzip" | null][] = [
    ["gzip, deflate, br, zstd", "br"], // Chromium over HTTPS
    ["gzip, deflate", "gzip"], // Chromium over plain HTTP, Node's fetch
    ["br", "br"],
    ["br;q=0, gzip", "gzip"],
    ["br;q=0.5, gzip", "gzip"],
    ["gzip;q=0.2, br;q=0.1", "gzip"],
    ["*", "br"],
    ["*;q=0, identity", null],
    ["identity", null],
    ["zstd", null],
    ["", null],
    [null, null],
    ["GZIP", "gzip"],
  ];
  it.each(cases)("Accept-Encoding %p gives %p", (header, expected) => {
    expect(chooseContentCoding(header)).toBe(expected);
    // The kept answer is the same on a second ask.
    expect(chooseContentCoding(header)).toBe(expected);
  });
  it("ran every case", () => expect(cases).toHaveLength(13));
});

describe("ifNoneMatchMatches", () => {
  it("compares weakly, in lists, and takes *", () => {
    expect(ifNoneMatchMatches('"a-br"', 'W/"a-br"')).toBe(true);
    expect(ifNoneMatchMatches('W/"a-br"', 'W/"a-br"')).toBe(true);
    expect(ifNoneMatchMatches('"x", W/"a-gz" , "y"', '"a-gz"')).toBe(true);
    expect(ifNoneMatchMatches("*", '"a"')).toBe(true);
  });
  it("refuses other tags and a missing header", () => {
    expect(ifNoneMatchMatches('"a"', '"a-gz"')).toBe(false);
    expect(ifNoneMatchMatches('"a-gz"', '"a"')).toBe(false);
    expect(ifNoneMatchMatches(null, '"a"')).toBe(false);
    expect(ifNoneMatchMatches("", '"a"')).toBe(false);
  });
});

describe("brotli kept ahead (keepBrotliInBackground)", () => {
  it("makes the same bytes keptEncoding makes on a request, and keeps a form already made", async () => {
    const raw = Buffer.from("Москва 莫斯科 Moscow, 13 months after the invasion. ".repeat(4000), "utf8");
    const ahead: { br?: Buffer } = {};
    await keepBrotliInBackground(raw, ahead);
    expect(ahead.br).toBeDefined();
    expect(ahead.br!.equals(keptEncoding(raw, {}, "br"))).toBe(true);
    const made = Buffer.from("already made");
    const kept: { br?: Buffer } = { br: made };
    await keepBrotliInBackground(raw, kept);
    expect(kept.br).toBe(made);
  });
});
