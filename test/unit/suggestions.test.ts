import { readFileSync } from "node:fs";
import path from "node:path";
import { suggestClaims, suggestClaimsInSlices, scoreSentence, splitSentences } from "@/lib/suggestions/score";
import { evaluateSuggestions } from "@/lib/suggestions/evaluate";
import { DEMO_MUST_INCLUDE, DEMO_MUST_NOT_INCLUDE, LABELLED, labelledText } from "../fixtures/suggestions/labelled";

const demo = readFileSync(path.join(__dirname, "../../prisma/demo-article.txt"), "utf8").replace(/\r\n?/g, "\n").normalize("NFC");

describe("claim suggestions on the demo article", () => {
  const suggestions = suggestClaims(demo);
  it.each(DEMO_MUST_INCLUDE)("suggests the sentence with %p", (text) => {
    expect(suggestions.some((s) => s.quote.includes(text))).toBe(true);
  });
  it.each(DEMO_MUST_NOT_INCLUDE)("does not suggest the headline question %p", (text) => {
    expect(suggestions.some((s) => s.quote.includes(text))).toBe(false);
  });
  it("gives offsets that slice to the quote, a score and reasons in words", () => {
    for (const s of suggestions) {
      expect(demo.slice(s.start, s.end)).toBe(s.quote);
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThanOrEqual(1);
      expect(s.reasons.length).toBeGreaterThan(0);
    }
    const olympics = suggestions.find((s) => s.quote.includes("Olympics"))!;
    expect(olympics.reasons).toContain("a number and a date");
    const kremlin = suggestions.find((s) => s.quote.includes("the Kremlin announced on Friday"))!;
    expect(kremlin.reasons).toContain("attributed to the Kremlin");
  });
  it("leaves out sentences already claimed", () => {
    const xi = demo.indexOf("Xi last visited Russia in 2019.");
    const rest = suggestClaims(demo, { exclude: [{ start: xi, end: xi + 31 }] });
    expect(rest.some((s) => s.quote.includes("Xi last visited"))).toBe(false);
  });
});

describe("sentences and scores", () => {
  it("splits sentences at paragraph breaks and sentence ends, keeping offsets", () => {
    const text = "One sentence here. Another “quoted” one! A third?\n\nNew paragraph";
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual(["One sentence here.", "Another “quoted” one!", "A third?", "New paragraph"]);
  });
  it("names the reasons: a percentage, an attribution", () => {
    const r = scoreSentence("Unemployment fell to 4.1% in May, according to the Office for National Statistics.");
    expect(r.reasons[0]).toMatch(/^a percentage, a date/);
    expect(r.reasons).toContain("attributed to the Office for National Statistics");
  });
  it("names an attribution by whole words (never a word cut at its start)", () => {
    const r = scoreSentence("The ministry said 40,000 troops had left the border region in March 2022.");
    expect(r.reasons).toContain("attributed to the ministry");
    const foreign = scoreSentence("China's foreign ministry said trade grew 30% in 2022 to a record $190 billion.");
    expect(foreign.reasons).toContain("attributed to China’s foreign ministry".replace("’", "'"));
  });
  it("reaches useful precision and recall on the labelled set", () => {
    const r = evaluateSuggestions(LABELLED.map(labelledText));
    expect(r.precision).toBeGreaterThanOrEqual(0.8);
    expect(r.recall).toBeGreaterThanOrEqual(0.75);
  });
});

describe("scoring a long text in slices", () => {
  // About 400 KB: the demo's paragraphs many times over, with its claims excluded from one copy.
  const long = Array.from({ length: 60 }, () => demo).join("\n\n");
  const exclude = suggestClaims(demo).slice(0, 3).map((s) => ({ start: s.start, end: s.end }));

  it("gives exactly what scoring in one go gives, and frees the event loop between slices", async () => {
    let yields = 0;
    const sliced = await suggestClaimsInSlices(long, { exclude, sliceMs: 1, yieldNow: async () => void yields++ });
    expect(sliced).toEqual(suggestClaims(long, { exclude }));
    expect(sliced.length).toBeGreaterThan(60);
    expect(yields).toBeGreaterThan(1);
  });

  it("lets other work run while it scores (setImmediate by default)", async () => {
    let ranMeanwhile = 0;
    const timer = setInterval(() => ranMeanwhile++, 0);
    try {
      await suggestClaimsInSlices(long, { sliceMs: 1 });
    } finally {
      clearInterval(timer);
    }
    expect(ranMeanwhile).toBeGreaterThan(0);
  });
});

describe("text no claim could cover", () => {
  it("suggests no sentence longer than a claim may be (2,000 code units), however checkable", () => {
    const checkable = "The ministry said exports rose by 42 percent in 2022, according to figures released on Monday";
    const long = `${Array.from({ length: 30 }, () => checkable).join(", and ")}.`;
    expect(long.length).toBeGreaterThan(2000);
    const short = `${checkable}.`;
    const text = `${short}\n\n${long}\n\n${short}`;
    const found = suggestClaims(text);
    expect(found.map((s) => s.quote)).toEqual([short, short]);
    // The same sentence alone is scored as checkable: only its length keeps it out.
    expect(scoreSentence(long).score).toBeGreaterThanOrEqual(0.5);
  });

  it("gets through 2 MB of one repeated name with no sentence end (an import of it hung the server)", async () => {
    const text = "Москва ".repeat(300_000).trim();
    expect(suggestClaims(text)).toEqual([]);
    expect(await suggestClaimsInSlices(text)).toEqual([]);
  });
});
