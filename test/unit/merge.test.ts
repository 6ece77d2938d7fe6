import { mergeDrafts, resolveConflict, touchedFields, type MergeFields } from "@/lib/claims/merge";

const base: MergeFields = { status: "true", summary: "Xi visited Russia", claimant: "Reuters", rationale: "Kremlin archive confirms." };

describe("touchedFields", () => {
  it("lists only the fields the person changed", () => {
    expect(touchedFields(base, base)).toEqual({});
    expect(touchedFields(base, { ...base, rationale: "New" })).toEqual({ rationale: "New" });
  });
});

describe("mergeDrafts", () => {
  it("the issue's scenario: Eve set False, Sam edited only the rationale: a conflict, Eve's False in 'theirs', nothing sent yet", () => {
    const theirs = { ...base, status: "false", rationale: "Eve: the visit was 2023." };
    const mine = { ...base, rationale: "Sam: archive link added." };
    const r = mergeDrafts(base, mine, theirs);
    expect(r.conflicts).toEqual([
      { fields: ["status", "rationale"], theirs: { status: "false", rationale: "Eve: the visit was 2023." }, mine: { status: "true", rationale: "Sam: archive link added." } },
    ]);
    expect(r.kept).toEqual([]);
    expect(r.base.status).toBe("false");
  });

  it("Eve changed only the status, Sam only the rationale: still a conflict (status and rationale are one group)", () => {
    const r = mergeDrafts(base, { ...base, rationale: "Sam" }, { ...base, status: "false" });
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0].fields).toEqual(["status", "rationale"]);
  });

  it("only theirs changed: taken as theirs, nothing of mine to send", () => {
    const theirs = { ...base, status: "false", claimant: "TASS" };
    const r = mergeDrafts(base, base, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.draft).toEqual(theirs);
    expect(r.taken.sort()).toEqual(["claimant", "status"]);
    expect(touchedFields(r.base, r.draft)).toEqual({});
  });

  it("only mine changed: kept, and only my touched field is sent against the new base", () => {
    const theirs = { ...base, claimant: "TASS" };
    const mine = { ...base, rationale: "Sam" };
    const r = mergeDrafts(base, mine, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.draft).toEqual({ ...base, claimant: "TASS", rationale: "Sam" });
    expect(r.kept).toEqual(["rationale"]);
    expect(r.taken).toEqual(["claimant"]);
    expect(touchedFields(r.base, r.draft)).toEqual({ rationale: "Sam" });
  });

  it("nothing overlapping (someone added evidence or assigned): same fields, my edit re-sent as is", () => {
    const mine = { ...base, summary: "Better summary" };
    const r = mergeDrafts(base, mine, base);
    expect(r.conflicts).toEqual([]);
    expect(touchedFields(r.base, r.draft)).toEqual({ summary: "Better summary" });
  });

  it("both made the same change: no conflict, nothing left to send", () => {
    const both = { ...base, status: "false" };
    const r = mergeDrafts(base, both, both);
    expect(r.conflicts).toEqual([]);
    expect(touchedFields(r.base, r.draft)).toEqual({});
  });

  it("both changed different groups: each side's group survives", () => {
    const r = mergeDrafts(base, { ...base, summary: "Mine" }, { ...base, status: "false", rationale: "Theirs" });
    expect(r.conflicts).toEqual([]);
    expect(r.draft).toEqual({ ...base, summary: "Mine", status: "false", rationale: "Theirs" });
    expect(touchedFields(r.base, r.draft)).toEqual({ summary: "Mine" });
  });

  it("a conflict in one group does not hold back the others", () => {
    const r = mergeDrafts(base, { ...base, summary: "Mine", claimant: "Me" }, { ...base, summary: "Theirs" });
    expect(r.conflicts.map((c) => c.fields)).toEqual([["summary"]]);
    expect(r.kept).toEqual(["claimant"]);
  });
});

describe("resolveConflict", () => {
  const theirs = { ...base, status: "false", rationale: "Eve" };
  const conflicted = mergeDrafts(base, { ...base, rationale: "Sam" }, theirs);

  it("taking theirs drops my edit of the group: nothing is sent, Eve's False stays", () => {
    const r = resolveConflict(conflicted, 0, "theirs");
    expect(r.conflicts).toEqual([]);
    expect(r.draft).toEqual(theirs);
    expect(touchedFields(r.base, r.draft)).toEqual({});
  });

  it("keeping mine sends the whole group as I see it, a deliberate choice made with both shown", () => {
    const r = resolveConflict(conflicted, 0, "mine");
    expect(r.conflicts).toEqual([]);
    expect(touchedFields(r.base, r.draft)).toEqual({ status: "true", rationale: "Sam" });
  });
});
