import { buildMarkdownReport, escapeMarkdown } from "@/lib/reports/markdown";
import type { ReportData } from "@/lib/reports/model";
import { DEFAULT_STATUS_SCALE, toStatusDto } from "@/lib/statuses/scale";

const statuses = DEFAULT_STATUS_SCALE.map(toStatusDto);
const status = (key: string) => statuses.find((s) => s.key === key)!;

function report(claims: Partial<ReportData["claims"][number]>[]): ReportData {
  return {
    article: { id: "a1", title: "Xi to visit *Moscow*", sourceUrl: "https://example.com/a(1)", outlet: "AFP", author: null, publishedAt: "2023-03-17T12:00:00.000Z", revision: 1 },
    organisation: "Desk",
    generatedAt: "2026-01-01T00:00:00.000Z",
    statuses,
    claims: claims.map((c, i) => ({
      id: `c${i}`,
      start: i * 10,
      end: i * 10 + 5,
      quote: "quote",
      summary: "",
      claimant: "",
      claimType: "",
      status: status("unchecked"),
      rationale: "",
      reviewState: "none",
      reviewedBy: null,
      reviewedAt: null,
      checkedBy: null,
      updatedAt: "2026-01-01T00:00:00.000Z",
      evidence: [],
      ...c,
    })),
  };
}

describe("Markdown report", () => {
  it("lists metadata, counts per status and each claim with status, rationale, evidence and reviewer", () => {
    const md = buildMarkdownReport(
      report([
        {
          quote: "Xi last visited Russia in 2019",
          status: status("true"),
          rationale: "Kremlin archive confirms the 2019 visit.",
          reviewState: "approved",
          reviewedBy: "Editor Eve",
          evidence: [{ url: "https://kremlin.example/2019", title: "Visit record", stance: "supports", note: "", addedBy: "C" }],
        },
        { quote: "nearly 13 months", status: status("false") },
      ]),
    );
    expect(md).toContain("# Verification report: Xi to visit \\*Moscow\\*");
    expect(md).toContain("| True | 1 |");
    expect(md).toContain("| False | 1 |");
    expect(md).toContain("> Xi last visited Russia in 2019");
    expect(md).toContain("Kremlin archive confirms the 2019 visit.");
    expect(md).toContain("Supports: [Visit record](https://kremlin.example/2019)");
    expect(md).toContain("Approved by Editor Eve");
    expect(md.indexOf("Xi last visited")).toBeLessThan(md.indexOf("nearly 13 months"));
  });

  it("escapes user-written text so it cannot inject links, HTML or headings", () => {
    const md = buildMarkdownReport(
      report([
        {
          quote: "<script>alert(1)</script>",
          rationale: "# Heading\n[click](javascript:alert(1))",
          evidence: [{ url: "https://ex.com/a)b", title: "t](javascript:x)", stance: "refutes", note: "", addedBy: null }],
        },
      ]),
    );
    expect(md).not.toContain("<script>");
    expect(md).toContain("&lt;script&gt;");
    expect(md).not.toMatch(/^# Heading/m);
    expect(md).not.toContain("](javascript:");
    expect(md).toContain("(https://ex.com/a%29b)");
    expect(md).toContain("(<https://example.com/a%281%29>)".slice(1, -1));
  });

  it("says so when there are no claims", () => {
    expect(buildMarkdownReport(report([]))).toContain("No claims have been marked");
  });

  it("escapes list markers only at the start of a line", () => {
    expect(escapeMarkdown("- item\n2024. year\nwell-known")).toBe("\\- item  \n2024\\. year  \nwell-known");
  });
});
