/** lib/claims/claim-save.ts: the claim save's checks and plan, the same for the ORM and the direct SQLite path. */
import { checkClaimSave, peopleToRead, planClaimSave, statusKeysToRead, type StatusFacts } from "@/lib/claims/claim-save";
import type { ClaimColumns, Person } from "@/lib/claims/claim-row";
import type { UpdateClaimInput } from "@/lib/claims/schemas";
import type { Actor } from "@/lib/permissions";

const checker: Actor = { id: "u-checker", role: "checker" };
const viewer: Actor = { id: "u-viewer", role: "viewer" };
const t = new Date("2026-01-02T03:04:05.000Z");

const claim = (over: Partial<ClaimColumns> = {}): ClaimColumns => ({
  id: "c1",
  articleId: "a1",
  number: 3,
  start: 10,
  end: 20,
  quote: "the quote.",
  prefix: "",
  suffix: "",
  checkedQuote: "the quote.",
  anchor: "exact",
  anchorConfidence: 1,
  summary: "old summary",
  claimant: "",
  claimType: "",
  rationale: "",
  statusKey: "unchecked",
  reviewState: "none",
  reviewedAt: null,
  reviewNote: "",
  reviewChangers: "[]",
  dueAt: null,
  version: 4,
  statusSetById: null,
  createdAt: t,
  updatedAt: t,
  reviewedById: null,
  assigneeId: null,
  createdById: "u-creator",
  ...over,
});

const people = new Map<string, Person>([
  ["u-checker", { id: "u-checker", name: "Checker", disabled: false }],
  ["u-creator", { id: "u-creator", name: "Creator", disabled: false }],
  ["u-other", { id: "u-other", name: "Other", disabled: false }],
  ["u-gone", { id: "u-gone", name: "Gone", disabled: true }],
]);
const statuses: StatusFacts[] = [
  { key: "unchecked", isVerdict: false },
  { key: "false", isVerdict: true },
];
const input = (over: Partial<UpdateClaimInput>): UpdateClaimInput => ({ version: 4, allowDuplicate: false, ...over });

describe("checks", () => {
  it("refuses a missing claim (404), a viewer (403), a stale version (409 with the current claim)", () => {
    expect(() => checkClaimSave(checker, input({}), null, people, statuses)).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => checkClaimSave(viewer, input({}), claim(), people, statuses)).toThrow(expect.objectContaining({ status: 403 }));
    let conflict: unknown;
    try {
      checkClaimSave(checker, input({ version: 3, summary: "x" }), claim(), people, statuses);
    } catch (error) {
      conflict = error;
    }
    expect(conflict).toMatchObject({ status: 409, details: { current: { id: "c1", version: 4, summary: "old summary", createdBy: { id: "u-creator", name: "Creator" } } } });
  });

  it("refuses a status off the scale and a disabled or unknown assignee (422)", () => {
    expect(() => checkClaimSave(checker, input({ status: "nonsense" }), claim(), people, statuses)).toThrow(expect.objectContaining({ status: 422 }));
    expect(() => checkClaimSave(checker, input({ assigneeId: "u-gone" }), claim(), people, statuses)).toThrow(expect.objectContaining({ status: 422 }));
    expect(() => checkClaimSave(checker, input({ assigneeId: "u-nobody" }), claim(), people, statuses)).toThrow(expect.objectContaining({ status: 422 }));
  });

  it("says when the offsets ask for a span correction (another span, or re-anchoring a moved claim)", () => {
    expect(checkClaimSave(checker, input({ start: 10, end: 20, revision: 1 }), claim(), people, statuses).spanCorrection).toBe(false);
    expect(checkClaimSave(checker, input({ start: 11, end: 20, revision: 1 }), claim(), people, statuses).spanCorrection).toBe(true);
    expect(checkClaimSave(checker, input({ start: 10, end: 20, revision: 1 }), claim({ anchor: "moved" }), people, statuses).spanCorrection).toBe(true);
  });

  it("reads the claim's people, the actor and a new assignee, and the old and new status", () => {
    expect(peopleToRead(claim({ assigneeId: "u-other" }), checker, input({ assigneeId: "u-gone" }))).toEqual([null, "u-other", "u-creator", null, "u-checker", "u-gone"]);
    expect(statusKeysToRead(claim(), input({ status: "false" }))).toEqual(["unchecked", "false"]);
    expect(statusKeysToRead(claim(), input({ status: "unchecked" }))).toEqual(["unchecked"]);
  });
});

describe("plan", () => {
  const plan = (over: Partial<UpdateClaimInput>, row = claim()) => planClaimSave(checker, "c1", input(over), checkClaimSave(checker, input(over), row, people, statuses));

  it("writes nothing when nothing differs, and answers the current claim", () => {
    const p = plan({ summary: "old summary", status: "unchecked" });
    expect(p).toMatchObject({ changed: false, claim: { version: 4, summary: "old summary" } });
  });

  it("a verdict: pending review, the actor among the changers and as the one who set the status, audited before/after", () => {
    const p = plan({ status: "false", summary: "new" });
    if (!p.changed) throw new Error("expected a change");
    expect(p.columns).toEqual({ statusKey: "false", summary: "new", statusSetById: "u-checker", reviewState: "pending", reviewChangers: JSON.stringify(["u-checker"]) });
    expect(p.audit).toEqual({ actorId: "u-checker", action: "claim.update", objectType: "claim", objectId: "c1", before: { status: "unchecked", summary: "old summary" }, after: { status: "false", summary: "new" } });
    expect(p.notify).toEqual([]);
  });

  it("an assignment keeps the review state and notifies the new assignee, never the actor", () => {
    const approved = claim({ reviewState: "approved", statusKey: "false" });
    const p = plan({ assigneeId: "u-other" }, approved);
    if (!p.changed) throw new Error("expected a change");
    expect(p.columns).toEqual({ assigneeId: "u-other", reviewState: "approved", reviewChangers: "[]" });
    expect(p.notify).toEqual(["u-other"]);
    const self = plan({ assigneeId: "u-checker" }, approved);
    expect(self.changed && self.notify).toEqual([]);
    const cleared = plan({ assigneeId: null }, claim({ assigneeId: "u-other" }));
    expect(cleared.changed && cleared.columns).toEqual({ assigneeId: null, reviewState: "none", reviewChangers: "[]" });
    expect(cleared.changed && cleared.notify).toEqual([]);
  });

  it("a due time is audited as ISO text and written as a time", () => {
    const due = new Date("2026-05-01T17:00:00.000Z");
    const p = plan({ dueAt: due });
    if (!p.changed) throw new Error("expected a change");
    expect(p.columns.dueAt).toEqual(due);
    expect(p.audit.after).toEqual({ dueAt: "2026-05-01T17:00:00.000Z" });
  });
});
