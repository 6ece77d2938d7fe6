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

import { contrastRatio, STATUS_PRESETS, STATUS_TEXT_COLOR, statusColorProblem, statusMark } from "@/lib/statuses/scale";

describe("statuses are told apart without colour", () => {
  const presets = Object.entries(STATUS_PRESETS);
  it.each(presets)("every %s status keeps WCAG AA contrast (4.5:1) with its white label", (_name, preset) => {
    for (const s of preset.statuses) {
      expect({ key: s.key, ratio: contrastRatio(s.color, STATUS_TEXT_COLOR) >= 4.5 }).toEqual({ key: s.key, ratio: true });
    }
  });
  it.each(presets)("every %s status has its own mark and label", (_name, preset) => {
    const marks = preset.statuses.map((s) => statusMark(s.key));
    expect(new Set(marks).size).toBe(marks.length);
    expect(new Set(preset.statuses.map((s) => s.label)).size).toBe(preset.statuses.length);
  });
  it("close pairs differ in shape as well as in words", () => {
    expect(statusMark("true")).not.toBe(statusMark("mostly_true"));
    expect(statusMark("unproven")).not.toBe(statusMark("unchecked"));
  });
  it("computes contrast as WCAG does", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
  });
  it("refuses colours too light for a white label", () => {
    expect(statusColorProblem("#fde047")).toMatch(/contrast/);
    expect(statusColorProblem("#1d4ed8")).toBeNull();
    expect(statusColorProblem("red")).toMatch(/#/);
  });
  it("each preset carries its own rating range", () => {
    const range = (p: keyof typeof STATUS_PRESETS) => {
      const rated = STATUS_PRESETS[p].statuses.filter((s) => s.ratingValue != null);
      return { best: rated[0].ratingBest, worst: rated[0].ratingWorst, values: rated.map((s) => s.ratingValue) };
    };
    expect(range("politifact")).toEqual({ best: 6, worst: 1, values: [6, 5, 4, 3, 2, 1] });
    expect(range("default").best).toBe(5);
    expect(range("meta").best).toBe(4);
    const pants = STATUS_PRESETS.politifact.statuses.find((s) => s.key === "pants_on_fire")!;
    expect(toStatusDto(pants).rating).toEqual({ value: 1, best: 6, worst: 1 });
  });
});
