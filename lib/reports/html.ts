/**
 * The HTML verification report: a standalone, print-ready document (A4 or Letter), and the same
 * markup for the /articles/:id/report page. Every user-written string is escaped; only http(s)
 * links are clickable.
 */
import { stanceLabel } from "@/lib/vocabulary";
import {
  countByStatus,
  day,
  forEachYielding,
  isHttpUrl,
  partitionByAnchor,
  reportStamp,
  scopeDescription,
  sentenceContext,
  type ReportClaim,
  type ReportData,
} from "@/lib/reports/model";
import { anchorNote, claimLabel, reviewLine, REPORT_TITLE } from "@/lib/reports/words";
import { escapeHtml, escapeHtmlLines } from "@/lib/reports/html-escape";
import { statusChartSvg } from "@/lib/reports/chart";
import { TextParts, type ReportSink } from "@/lib/reports/stream";

export type Paper = "a4" | "letter";

/** The report's styles, for screen and print. `paper` sets the printed page size. */
export function reportCss(paper: Paper | null = null): string {
  const size = paper === "letter" ? "letter" : paper === "a4" ? "A4" : "auto";
  return `
.cc-report { font-family: "Noto Sans", "Segoe UI", Helvetica, Arial, "Noto Sans SC", "PingFang SC", sans-serif; color: #111; line-height: 1.45; max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem; font-size: 15px; }
.cc-report h1 { font-size: 1.6rem; line-height: 1.2; margin: 0 0 .25rem; }
.cc-report .cc-kicker { font-size: .8rem; text-transform: uppercase; letter-spacing: .06em; color: #444; margin: 0; }
.cc-report h2 { font-size: 1.15rem; margin: 1.6rem 0 .6rem; border-bottom: 1px solid #999; padding-bottom: .2rem; }
.cc-report h3 { font-size: 1.02rem; margin: 0 0 .4rem; }
.cc-report dl.cc-meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .8rem 0; font-size: .92rem; }
.cc-report dl.cc-meta dt { font-weight: 600; }
.cc-report dl.cc-meta dd { margin: 0; overflow-wrap: anywhere; }
.cc-report .cc-scope { border: 1px solid #555; padding: .4rem .6rem; font-weight: 600; display: inline-block; }
.cc-report .cc-counts { font-size: .92rem; }
.cc-report section.cc-claim { border-top: 1px solid #bbb; padding: .8rem 0; break-inside: avoid; page-break-inside: avoid; }
.cc-report h2 + section.cc-claim { border-top: none; padding-top: .2rem; }
.cc-report blockquote { margin: .3rem 0 .6rem; padding: .3rem .8rem; border-left: 4px solid #555; background: #f6f6f6; }
.cc-report blockquote mark { background: none; font-weight: 700; text-decoration: underline; text-decoration-thickness: 2px; color: inherit; }
.cc-report .cc-status { display: inline-block; border: 1.5px solid #111; border-radius: 3px; padding: 0 .35rem; font-weight: 700; }
.cc-report dl.cc-fields { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .3rem 0; font-size: .92rem; }
.cc-report dl.cc-fields dt { color: #333; font-weight: 600; }
.cc-report dl.cc-fields dd { margin: 0; overflow-wrap: anywhere; }
.cc-report .cc-rationale { margin: .4rem 0; }
.cc-report ul.cc-evidence { margin: .3rem 0; padding-left: 1.2rem; font-size: .92rem; list-style: disc; }
.cc-report ul.cc-evidence li { margin: .15rem 0; overflow-wrap: anywhere; }
.cc-report .cc-url { color: #333; font-size: .85em; }
.cc-report a { color: #0b3d91; }
.cc-report .cc-note { font-style: italic; color: #333; }
.cc-report footer { margin-top: 2rem; font-size: .8rem; color: #444; border-top: 1px solid #bbb; padding-top: .4rem; }
@page { size: ${size}; margin: 16mm 15mm 18mm; }
@media print {
  .cc-report { max-width: none; padding: 0; font-size: 10.5pt; }
  .cc-report a { color: #000; }
  .cc-report a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .8em; color: #333; overflow-wrap: anywhere; }
  .cc-report h2 { break-after: avoid; page-break-after: avoid; }
  .cc-no-print { display: none !important; }
}`;
}

function a(url: string, text: string): string {
  if (!isHttpUrl(url)) return escapeHtml(text);
  return `<a href="${escapeHtml(url)}" rel="noopener noreferrer nofollow">${escapeHtml(text)}</a>`;
}

function dlRow(label: string, valueHtml: string | null): string {
  return valueHtml ? `<dt>${escapeHtml(label)}</dt><dd>${valueHtml}</dd>` : "";
}

function claimHtml(data: ReportData, claim: ReportClaim, anchored: boolean): string {
  const parts: string[] = [];
  parts.push(`<section class="cc-claim" id="claim-${claim.number}" aria-labelledby="claim-${claim.number}-h">`);
  parts.push(`<h3 id="claim-${claim.number}-h">${escapeHtml(claimLabel(claim))} · <span class="cc-status">${escapeHtml(claim.status.label)}</span></h3>`);
  if (anchored && claim.start != null && claim.end != null && claim.quote) {
    const ctx = sentenceContext(data.article.body, claim.start, claim.end);
    parts.push(`<blockquote>${escapeHtml(ctx.before)}<mark>${escapeHtmlLines(claim.quote)}</mark>${escapeHtml(ctx.after)}</blockquote>`);
  } else {
    parts.push(`<blockquote><mark>${escapeHtmlLines(claim.checkedQuote)}</mark></blockquote><p class="cc-note">${escapeHtml(anchorNote(claim))}</p>`);
  }
  const text = (v: string | null) => (v && v.trim() ? escapeHtmlLines(v) : null);
  parts.push(
    `<dl class="cc-fields">${dlRow("Status", escapeHtml(claim.status.label))}${dlRow("Claim", text(claim.summary))}${dlRow("Claimant", text(claim.claimant))}` +
      `${dlRow("Verdict set by", text(claim.statusSetBy))}${dlRow("Review", escapeHtml(reviewLine(claim)))}${dlRow("Review note", text(claim.reviewNote))}</dl>`,
  );
  if (claim.rationale.trim()) parts.push(`<div class="cc-rationale"><strong>Rationale</strong><br>${escapeHtmlLines(claim.rationale)}</div>`);
  if (claim.evidence.length) {
    parts.push(`<strong>Evidence</strong><ul class="cc-evidence">`);
    for (const e of claim.evidence) {
      const title = e.title.trim() || e.url;
      const url = e.title.trim() ? ` <span class="cc-url">${escapeHtml(e.url)}</span>` : "";
      const note = e.note.trim() ? ` — ${escapeHtmlLines(e.note)}` : "";
      parts.push(`<li><strong>${escapeHtml(stanceLabel(e.stance))}:</strong> ${a(e.url, title)}${url}${note}</li>`);
    }
    parts.push(`</ul>`);
  }
  parts.push(`</section>`);
  return parts.join("");
}

/** The report's markup (an <article class="cc-report">), without <html> or styles; written to `sink` when given. */
export async function buildHtmlReportBody(data: ReportData, sink?: ReportSink): Promise<string> {
  const { article } = data;
  const out = new TextParts("\n", sink);
  out.push(`<article class="cc-report" lang="en">`);
  out.push(`<p class="cc-kicker">${escapeHtml(REPORT_TITLE)}</p><h1>${escapeHtml(article.title)}</h1>`);
  out.push(
    `<dl class="cc-meta">` +
      dlRow("Outlet", article.outlet ? escapeHtml(article.outlet) : null) +
      dlRow("Author", article.author ? escapeHtml(article.author) : null) +
      dlRow("Published", article.publishedAt ? escapeHtml(day(article.publishedAt)) : null) +
      dlRow("Source", article.sourceUrl ? a(article.sourceUrl, article.sourceUrl) : null) +
      dlRow("Revision", escapeHtml(`${article.revision}${article.revisionCreatedAt ? ` of ${day(article.revisionCreatedAt)}` : ""}`)) +
      dlRow("Fact-checked by", data.organization.name ? (data.organization.url ? a(data.organization.url, data.organization.name) : escapeHtml(data.organization.name)) : null) +
      dlRow("Generated", `<time datetime="${escapeHtml(data.generatedAt)}">${escapeHtml(reportStamp(data.generatedAt))}</time>`) +
      `</dl>`,
  );
  out.push(`<p class="cc-scope">${escapeHtml(scopeDescription(data))}</p>`);
  out.push(`<h2>Summary</h2>`);
  const counts = countByStatus(data);
  if (counts.length === 0) {
    out.push(`<p>${data.scope === "approved" ? "No approved verdicts yet." : "No claims have been marked in this article yet."}</p>`);
  } else {
    out.push(statusChartSvg(counts));
    out.push(`<p class="cc-counts">${counts.map((r) => `${escapeHtml(r.status.label)}: ${r.count}`).join(" · ")} · <strong>Total: ${data.claims.length}</strong></p>`);
  }
  const { anchored, unanchored } = partitionByAnchor(data.claims);
  if (anchored.length) {
    out.push(`<h2>Claims</h2>`);
    await forEachYielding(anchored, (c) => out.push(claimHtml(data, c, true)));
  }
  if (unanchored.length) {
    out.push(`<h2>Claims not in the current revision</h2>`);
    await forEachYielding(unanchored, (c) => out.push(claimHtml(data, c, false)));
  }
  out.push(`<footer>${escapeHtml(`${REPORT_TITLE} of “${article.title}”, revision ${article.revision}. Generated ${reportStamp(data.generatedAt)}.`)}</footer>`);
  out.push(`</article>`);
  return out.join();
}

/** The standalone HTML document (written to `sink` when given; then "" is returned). */
export async function buildHtmlReport(data: ReportData, paper: Paper | null = null, sink?: ReportSink): Promise<string> {
  const out = new TextParts("", sink);
  out.push(
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
      `<meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escapeHtml(`${REPORT_TITLE}: ${data.article.title}`)}</title>` +
      `<style>body{margin:0;background:#fff}${reportCss(paper)}</style></head><body>\n`,
  );
  out.push(await buildHtmlReportBody(data, sink));
  out.push(`\n</body></html>\n`);
  return out.join();
}
