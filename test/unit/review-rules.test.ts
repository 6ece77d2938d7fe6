import {
  changersAfter,
  effectiveChangers,
  isReviewable,
  isStale,
  parseChangers,
  reviewRefusal,
  reviewStateAfter,
  storeChangers,
  type ClaimChange,
} from "@/lib/claims/review-rules";

const editor = { id: "ed", role: "editor" };

describe("which changes send a claim back to review", () => {
  it.each<ClaimChange>(["status", "rationale", "summary", "claimant", "evidence", "checkedText"])("%s does, to pending for a verdict", (change) => {
    expect(isReviewable([change])).toBe(true);
    for (const state of ["approved", "rejected", "pending"]) expect(reviewStateAfter(state, [change], true)).toBe("pending");
  });
  it.each<ClaimChange>(["status", "rationale", "evidence"])("%s on a claim whose status is not a verdict leaves no verdict to review", (change) => {
    expect(reviewStateAfter("approved", [change], false)).toBe("none");
  });
  it.each<ClaimChange>(["claimType", "assignee", "dueAt", "comment", "offsets"])("%s does not", (change) => {
    expect(isReviewable([change])).toBe(false);
    expect(reviewStateAfter("approved", [change], true)).toBe("approved");
    expect(reviewStateAfter("rejected", [change], true)).toBe("rejected");
  });
  it("one reviewable change among others is enough", () => {
    expect(reviewStateAfter("approved", ["assignee", "rationale"], true)).toBe("pending");
  });
});

describe("who may review", () => {
  it("an editor or admin who made none of the changes since the last review", () => {
    expect(reviewRefusal(editor, { changers: ["checker"], statusIsVerdict: true })).toBeNull();
    expect(reviewRefusal({ id: "ad", role: "admin" }, { changers: [], statusIsVerdict: true })).toBeNull();
  });
  it("not an editor who changed anything reviewable, even if someone else set the verdict", () => {
    expect(reviewRefusal(editor, { changers: ["checker", "ed"], statusIsVerdict: true })).toMatchObject({ status: 403 });
  });
  it("not checkers or viewers", () => {
    expect(reviewRefusal({ id: "c", role: "checker" }, { changers: [], statusIsVerdict: true })).toMatchObject({ status: 403 });
    expect(reviewRefusal({ id: "v", role: "viewer" }, { changers: [], statusIsVerdict: true })).toMatchObject({ status: 403 });
  });
  it("only a verdict is reviewed", () => {
    expect(reviewRefusal(editor, { changers: [], statusIsVerdict: false })).toMatchObject({ status: 422 });
  });
  it("the changers list grows with reviewable changes only, once per person", () => {
    expect(changersAfter([], "a", ["assignee"])).toEqual([]);
    expect(changersAfter([], "a", ["rationale"])).toEqual(["a"]);
    expect(changersAfter(["a"], "a", ["evidence"])).toEqual(["a"]);
    expect(changersAfter(["a"], "b", ["checkedText"])).toEqual(["a", "b"]);
    expect(parseChangers(storeChangers(["a", "b"]))).toEqual(["a", "b"]);
    expect(parseChangers("not json")).toEqual([]);
    expect(parseChangers('{"a":1}')).toEqual([]);
  });
  it("for verdicts set before changers were kept, the one who set it counts", () => {
    expect(effectiveChangers({ reviewChangers: [], reviewState: "pending", statusSetById: "ed" })).toEqual(["ed"]);
    expect(effectiveChangers({ reviewChangers: [], reviewState: "approved", statusSetById: "ed" })).toEqual([]);
    expect(effectiveChangers({ reviewChangers: ["c"], reviewState: "pending", statusSetById: "ed" })).toEqual(["c"]);
  });
});

describe("a stale version", () => {
  it("is any version other than the current one", () => {
    expect(isStale(3, 3)).toBe(false);
    expect(isStale(2, 3)).toBe(true);
    expect(isStale(4, 3)).toBe(true);
  });
});
