import { segmentText } from "@/lib/anchoring/segments";

describe("segmentText", () => {
  it("covers the whole body in order with plain and claimed runs", () => {
    const segs = segmentText(20, [{ id: "a", start: 5, end: 10 }]);
    expect(segs).toEqual([
      { start: 0, end: 5, claimIds: [] },
      { start: 5, end: 10, claimIds: ["a"] },
      { start: 10, end: 20, claimIds: [] },
    ]);
  });
  it("keeps both overlapping claims visible, the shorter one first", () => {
    const segs = segmentText(30, [
      { id: "long", start: 0, end: 20 },
      { id: "short", start: 10, end: 15 },
    ]);
    expect(segs.find((s) => s.start === 10)?.claimIds).toEqual(["short", "long"]);
    expect(segs.find((s) => s.start === 0)?.claimIds).toEqual(["long"]);
    expect(segs.find((s) => s.start === 15)?.claimIds).toEqual(["long"]);
  });
  it("keeps adjacent claims as separate runs", () => {
    const segs = segmentText(10, [
      { id: "a", start: 0, end: 5 },
      { id: "b", start: 5, end: 10 },
    ]);
    expect(segs.map((s) => s.claimIds)).toEqual([["a"], ["b"]]);
  });
  it("ignores ranges outside the body", () => {
    expect(segmentText(5, [{ id: "x", start: 3, end: 9 }])).toEqual([{ start: 0, end: 5, claimIds: [] }]);
  });
});
