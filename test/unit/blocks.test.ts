import { blockRanges, blockWeight, placeInBlocks } from "@/lib/anchoring/blocks";
import { segmentText } from "@/lib/anchoring/segments";

const para = (word: string, n: number) => Array.from({ length: n }, () => word).join(" ");

describe("blockRanges", () => {
  it("cuts after each run of line breaks, the breaks staying with the block before them", () => {
    const a = para("alpha", 40);
    const b = para("beta", 40);
    const c = para("gamma", 40);
    const body = `${a}\n\n${b}\n${c}`;
    const ranges = blockRanges(body, 100);
    expect(ranges.map((r) => body.slice(r.start, r.end))).toEqual([`${a}\n\n`, `${b}\n`, c]);
  });

  it("covers the whole body without gaps, so every character keeps its offset", () => {
    const body = `${para("Путин", 50)}\n\n${para("习近平抵达莫斯科", 30)}\n\n\n${para("word", 80)}\n`;
    const ranges = blockRanges(body);
    expect(ranges[0].start).toBe(0);
    expect(ranges.at(-1)!.end).toBe(body.length);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i].start).toBe(ranges[i - 1].end);
    expect(ranges.map((r) => body.slice(r.start, r.end)).join("")).toBe(body);
  });

  it("keeps short lines together until a block is long enough", () => {
    const body = "one\ntwo\nthree\n" + para("long", 50) + "\n\n" + para("next", 50);
    expect(blockRanges(body, 100).map((r) => body.slice(r.start, r.end))).toEqual([`one\ntwo\nthree\n${para("long", 50)}\n\n`, para("next", 50)]);
    expect(blockRanges("a\nb\nc", 1)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
      { start: 4, end: 5 },
    ]);
  });

  it("gives no blocks for an empty body and one for a body without line breaks", () => {
    expect(blockRanges("")).toEqual([]);
    expect(blockRanges("x".repeat(5000))).toEqual([{ start: 0, end: 5000 }]);
  });
});

describe("placeInBlocks", () => {
  it("cuts a claim that spans a paragraph break into one run in each block, both with its id", () => {
    const body = "aaaa\n\nbbbb";
    const blocks = blockRanges(body, 1);
    expect(blocks).toEqual([
      { start: 0, end: 6 },
      { start: 6, end: 10 },
    ]);
    const placed = placeInBlocks(blocks, segmentText(body.length, [{ id: "c", start: 2, end: 8 }]));
    expect(placed[0].runs).toEqual([
      { start: 0, end: 2, claimIds: [] },
      { start: 2, end: 6, claimIds: ["c"] },
    ]);
    expect(placed[1].runs).toEqual([
      { start: 6, end: 8, claimIds: ["c"] },
      { start: 8, end: 10, claimIds: [] },
    ]);
  });

  it("keeps runs inside their block's range and together covering each block", () => {
    const body = `${para("one", 60)}\n\n${para("two", 60)}\n\n${para("three", 60)}`;
    const blocks = blockRanges(body, 100);
    expect(blocks).toHaveLength(3);
    const spans = [
      { id: "a", start: 10, end: 400 },
      { id: "b", start: 250, end: 260 },
      { id: "c", start: 500, end: body.length },
    ];
    const placed = placeInBlocks(blocks, segmentText(body.length, spans));
    for (const block of placed) {
      expect(block.runs[0].start).toBe(block.start);
      expect(block.runs.at(-1)!.end).toBe(block.end);
      for (let i = 1; i < block.runs.length; i++) expect(block.runs[i].start).toBe(block.runs[i - 1].end);
    }
    // Every offset of claim "a" is in a run that names it.
    const runs = placed.flatMap((b) => b.runs);
    for (const offset of [10, 150, 240, 399]) expect(runs.find((r) => offset >= r.start && offset < r.end)?.claimIds).toContain("a");
  });
});

describe("blockWeight", () => {
  it("counts a CJK character as two narrow ones and the line breaks apart", () => {
    expect(blockWeight("abc\n\n", 0, 5)).toEqual({ chars: 3, breaks: 2 });
    expect(blockWeight("习近平 ok", 0, 6)).toEqual({ chars: 9, breaks: 0 });
  });
});
