import { DEFAULT_STATUS_SCALE, toStatusDto, tint } from "@/lib/statuses/scale";

describe("default status scale", () => {
  it("has the nine statuses in order", () => {
    expect(DEFAULT_STATUS_SCALE.map((s) => s.label)).toEqual([
      "Unchecked",
      "In progress",
      "True",
      "Mostly true",
      "Half true",
      "Mostly false",
      "False",
      "Misleading",
      "Unproven",
    ]);
  });
  it("gives each status a distinct colour", () => {
    const colours = DEFAULT_STATUS_SCALE.map((s) => s.color);
    expect(new Set(colours).size).toBe(colours.length);
  });
  it("rates the truth scale from True (5) down to False (1) for ClaimReview", () => {
    const dto = (key: string) => toStatusDto({ ...DEFAULT_STATUS_SCALE.find((s) => s.key === key)! });
    expect(dto("true").rating).toEqual({ value: 5, best: 5, worst: 1 });
    expect(dto("false").rating).toEqual({ value: 1, best: 5, worst: 1 });
    expect(dto("unchecked").rating).toBeUndefined();
    expect(dto("unchecked").isVerdict).toBe(false);
    expect(dto("unproven").isVerdict).toBe(true);
  });
  it("tints a colour for highlight backgrounds", () => {
    expect(tint("#15803d", 0.2)).toBe("rgba(21,128,61,0.2)");
  });
});
