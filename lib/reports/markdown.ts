/** The Markdown verification report. Everything user-written is escaped. */
import { countByStatus, type ReportData } from "@/lib/reports/model";

/** Escapes text so Markdown (and the HTML many renderers allow inside it) shows it literally. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_{}\[\]()#|~!])/g, "\\$1")
    // List markers and numbered-list dots only mean something at the start of a line.
    .replace(/^(\s*)([-+])/gm, "$1\\$2")
    .replace(/^(\s*\d+)\./gm, "$1\\.")
    .replace(/\n/g, "  \n");
}

/** Makes a URL safe to place inside a Markdown link target. */
function linkTarget(url: string): string {
  return url.replace(/[()<>\s\\]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"));
}

const stanceLabel: Record<string, string> = { supports: "Supports", refutes: "Refutes", context: "Context" };

/** Builds the Markdown report: metadata, counts per status, then each claim in text order. */
export function buildMarkdownReport(data: ReportData): string {
  const { article } = data;
  const lines: string[] = [];
  lines.push(`# Verification report: ${escapeMarkdown(article.title)}`, "");
  const meta: [string, string | null][] = [
    ["Outlet", article.outlet],
    ["Author", article.author],
    ["Published", article.publishedAt ? article.publishedAt.slice(0, 10) : null],
    ["Source", article.sourceUrl ? `<${linkTarget(article.sourceUrl)}>` : null],
    ["Checked by", data.organisation],
    ["Report generated", data.generatedAt],
  ];
  for (const [label, value] of meta) {
    if (value) lines.push(`- **${label}:** ${label === "Source" ? value : escapeMarkdown(value)}`);
  }
  lines.push("", "## Summary", "");
  const counts = countByStatus(data);
  if (counts.length === 0) {
    lines.push("No claims have been marked in this article yet.");
  } else {
    lines.push("| Status | Claims |", "| --- | ---: |");
    for (const { status, count } of counts) lines.push(`| ${escapeMarkdown(status.label)} | ${count} |`);
    lines.push(`| **Total** | **${data.claims.length}** |`);
  }
  lines.push("", "## Claims", "");
  data.claims.forEach((claim, index) => {
    lines.push(`### ${index + 1}. ${escapeMarkdown(claim.status.label)}`, "");
    lines.push(`> ${escapeMarkdown(claim.quote).replace(/\n/g, "\n> ")}`, "");
    lines.push(`- **Status:** ${escapeMarkdown(claim.status.label)}`);
    if (claim.summary) lines.push(`- **Claim:** ${escapeMarkdown(claim.summary)}`);
    if (claim.claimant) lines.push(`- **Claimant:** ${escapeMarkdown(claim.claimant)}`);
    if (claim.checkedBy) lines.push(`- **Checked by:** ${escapeMarkdown(claim.checkedBy)}`);
    const review =
      claim.reviewState === "approved" || claim.reviewState === "rejected"
        ? `${claim.reviewState === "approved" ? "Approved" : "Rejected"} by ${escapeMarkdown(claim.reviewedBy ?? "an editor")}${claim.reviewedAt ? ` on ${claim.reviewedAt.slice(0, 10)}` : ""}`
        : claim.reviewState === "pending"
          ? "Awaiting review"
          : "Not reviewed";
    lines.push(`- **Review:** ${review}`);
    lines.push("");
    if (claim.rationale) lines.push("**Rationale**", "", escapeMarkdown(claim.rationale), "");
    if (claim.evidence.length) {
      lines.push("**Evidence**", "");
      for (const e of claim.evidence) {
        const label = escapeMarkdown(e.title || e.url);
        lines.push(`- ${stanceLabel[e.stance] ?? escapeMarkdown(e.stance)}: [${label}](${linkTarget(e.url)})${e.note ? ` — ${escapeMarkdown(e.note)}` : ""}`);
      }
      lines.push("");
    }
  });
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
