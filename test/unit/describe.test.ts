import { describeAuditEvent } from "@/lib/audit/describe";

const labels: Record<string, string> = { true: "True", false: "False" };
const lookups = { statusLabel: (k: string) => labels[k] ?? k, personName: (id: string) => ({ "u-sam": "Sam" })[id] };

describe("audit events in words", () => {
  it("a verdict change names both statuses", () => {
    expect(describeAuditEvent({ action: "claim.update", before: { status: "true" }, after: { status: "false" } }, lookups)).toBe("set the status True → False");
  });
  it("evidence says its stance and title", () => {
    expect(describeAuditEvent({ action: "evidence.add", before: null, after: { stance: "refutes", title: "Ministry correction", url: "https://x" } })).toBe(
      "added evidence (refutes): Ministry correction",
    );
  });
  it("reviews, assignments and several fields at once", () => {
    expect(describeAuditEvent({ action: "claim.review.approve", before: {}, after: { note: "" } })).toBe("approved");
    expect(describeAuditEvent({ action: "claim.review.reject", before: {}, after: { note: "Source?" } })).toBe("requested changes: “Source?”");
    expect(describeAuditEvent({ action: "claim.update", before: { assigneeId: null, summary: "" }, after: { assigneeId: "u-sam", summary: "Exports" } }, lookups)).toBe(
      "assigned the claim to Sam; changed the summary from (empty) to “Exports”",
    );
  });
  it("an unknown action still reads as words", () => {
    expect(describeAuditEvent({ action: "article.revise_body", before: null, after: null })).toBe("article revise body");
  });
});
