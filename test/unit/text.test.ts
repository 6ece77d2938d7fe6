import { normalizeBody, quoteSelector, rangeProblem, splitsSurrogatePair, trimRange, CONTEXT_LENGTH } from "@/lib/anchoring/text";

describe("normalizeBody", () => {
  it("turns CRLF and lone CR into LF", () => {
    expect(normalizeBody("one\r\ntwo\rthree\n")).toBe("one\ntwo\nthree\n");
  });
  it("composes combining characters (NFC) so offsets match what readers see", () => {
    const decomposed = "Cafe\u0301 Zu\u0308rich";
    const stored = normalizeBody(decomposed);
    expect(stored).toBe("Café Zürich");
    expect(stored.length).toBe(11);
  });
  it("drops a leading byte-order mark", () => {
    expect(normalizeBody("\uFEFFHello")).toBe("Hello");
  });
});

describe("offsets are UTF-16 code units", () => {
  const body = normalizeBody("Kyiv 🇺🇦 said: “Family 👩‍👩‍👧 aid rose 13%”.\r\nNext line");
  it("a quote after a flag and a ZWJ emoji is the exact JS slice", () => {
    const start = body.indexOf("aid rose");
    const end = start + "aid rose 13%".length;
    const sel = quoteSelector(body, start, end);
    expect(sel.quote).toBe("aid rose 13%");
    // The flag is two astral code points: four UTF-16 code units.
    expect("🇺🇦".length).toBe(4);
    expect(body.slice(start, end)).toBe(sel.quote);
  });
  it("refuses a range that cuts an emoji in half", () => {
    const flag = body.indexOf("🇺🇦");
    expect(splitsSurrogatePair(body, flag + 1)).toBe(true);
    expect(rangeProblem(body, flag + 1, flag + 4)).toMatch(/surrogate/);
    expect(rangeProblem(body, flag, flag + 4)).toBeNull();
  });
  it("CRLF input is stored with LF, so a quote across the line break has one newline", () => {
    const start = body.indexOf("”.");
    const sel = quoteSelector(body, start, start + 7);
    expect(sel.quote).toBe("”.\nNext");
  });
});

describe("quoteSelector context", () => {
  const body = "a".repeat(50) + "CLAIM" + "b".repeat(50);
  it("keeps up to 32 code units of prefix and suffix", () => {
    const sel = quoteSelector(body, 50, 55);
    expect(sel.prefix).toBe("a".repeat(CONTEXT_LENGTH));
    expect(sel.suffix).toBe("b".repeat(CONTEXT_LENGTH));
  });
  it("is shorter at the edges of the body", () => {
    const sel = quoteSelector("CLAIM and more", 0, 5);
    expect(sel.prefix).toBe("");
    expect(sel.suffix).toBe(" and more");
  });
  it("never starts the prefix in the middle of an emoji", () => {
    const text = "😀" + "x".repeat(31) + "CLAIM";
    const start = text.indexOf("CLAIM");
    const sel = quoteSelector(text, start, start + 5);
    expect(sel.prefix).toBe("x".repeat(31));
    expect(sel.prefix.length).toBeLessThanOrEqual(CONTEXT_LENGTH);
  });
});

describe("rangeProblem", () => {
  const body = "Xi last visited Russia in 2019.";
  it.each([
    [-1, 4, /within/],
    [0, 999, /within/],
    [5, 5, /greater/],
    [6, 2, /greater/],
    [0.5, 3, /whole/],
  ])("refuses %p..%p", (start, end, message) => {
    expect(rangeProblem(body, start, end)).toMatch(message);
  });
  it("refuses white space only", () => {
    expect(rangeProblem("a   b", 1, 4)).toMatch(/white space/);
  });
  it("accepts a real range", () => {
    expect(rangeProblem(body, 0, 30)).toBeNull();
  });
});

describe("trimRange", () => {
  it("drops white space a mouse selection picked up at either end", () => {
    const body = "said:  Xi last visited Russia in 2019 \n";
    expect(trimRange(body, 5, body.length)).toEqual({ start: 7, end: body.length - 2 });
  });
});
