import { createClaimStore, reduceClaimStore } from "@/lib/claims/store";
import type { ClaimDto } from "@/lib/claims/dto";

const claim = (id: string, start: number, version: number, status = "unchecked") => ({ id, start, end: start + 5, version, status }) as unknown as ClaimDto;
const eve = { id: "u-eve", name: "Eve" };

describe("the article's claim store", () => {
  it("takes a newer version and never goes back to an older one", () => {
    let s = createClaimStore([claim("a", 10, 2)], 5);
    s = reduceClaimStore(s, { type: "claims", claims: [claim("a", 10, 1, "true")] });
    expect(s.claims[0].version).toBe(2);
    s = reduceClaimStore(s, { type: "events", events: [{ seq: 6, type: "claim.updated", data: { claimId: "a", claim: claim("a", 10, 3, "false"), actor: eve } }] });
    expect(s.claims[0]).toMatchObject({ version: 3, status: "false" });
    expect(s.changedBy.get("a")).toEqual(eve);
  });

  it("adds another person's new claim in reading order, and ignores a replayed event", () => {
    let s = createClaimStore([claim("a", 10, 1), claim("c", 90, 1)], 5);
    const created = { seq: 6, type: "claim.created", data: { claimId: "b", claim: claim("b", 50, 1), actor: eve } };
    s = reduceClaimStore(s, { type: "events", events: [created] });
    expect(s.claims.map((c) => c.id)).toEqual(["a", "b", "c"]);
    expect(reduceClaimStore(s, { type: "events", events: [created] })).toBe(s);
  });

  it("a deletion is final: a late copy of the claim does not bring it back", () => {
    let s = createClaimStore([claim("a", 10, 1)], 1);
    s = reduceClaimStore(s, { type: "events", events: [{ seq: 2, type: "claim.deleted", data: { claimId: "a", actor: eve } }] });
    expect(s.claims).toEqual([]);
    s = reduceClaimStore(s, { type: "claims", claims: [claim("a", 10, 5)] });
    expect(s.claims).toEqual([]);
  });

  it("a comment marks the claim's activity so its panel reloads the thread", () => {
    let s = createClaimStore([claim("a", 10, 1)], 1);
    s = reduceClaimStore(s, { type: "events", events: [{ seq: 2, type: "comment.added", data: { claimId: "a", actor: eve } }] });
    expect(s.activity.get("a")).toBe(2);
    expect(s.seq).toBe(2);
  });
});
