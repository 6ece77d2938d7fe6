import { foldForSearch, searchDocument, searchNeedle } from "@/lib/search/fold";

const matches = (text: string, q: string) => searchDocument([text]).includes(searchNeedle(q)!);

describe("literal, case-insensitive search in every script", () => {
  it("matches across case in Latin, German, Greek and Cyrillic", () => {
    expect(matches("Ärzte warnen", "ärzte")).toBe(true);
    expect(matches("ärzte warnen", "ÄRZTE")).toBe(true);
    expect(matches("Die Straße", "STRASSE")).toBe(true);
    expect(matches("ΟΔΥΣΣΕΥΣ", "οδυσσευς")).toBe(true);
    expect(matches("Москва", "МОСКВА")).toBe(true);
  });
  it("matches composed and decomposed forms alike", () => {
    expect(matches("Cafe\u0301", "café")).toBe(true);
  });
  it("treats % and _ as text, not wildcards", () => {
    expect(foldForSearch("100%")).not.toContain("%");
    expect(foldForSearch("a_b")).not.toContain("_");
    expect(matches("rose 13%", "13%")).toBe(true);
    expect(matches("rose 13 percent", "13%")).toBe(false);
    expect(matches("a_b", "a_b")).toBe(true);
    expect(matches("axb", "a_b")).toBe(false);
  });
  it("never matches across two fields", () => {
    const doc = searchDocument(["ends here", "starts there"]);
    expect(doc.includes(searchNeedle("here\nstarts")!)).toBe(false);
  });
  it("has nothing to search for in a blank query", () => {
    expect(searchNeedle("   ")).toBeNull();
    expect(searchNeedle(undefined)).toBeNull();
  });
});
