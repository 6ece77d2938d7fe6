/**
 * The CommonMark verification report. User text is escaped exactly as much as CommonMark needs
 * to read it as text, and no more: parentheses, tildes, pipes and most punctuation stay as typed.
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

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const isAlnum = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c);

/**
 * Escapes one line of text for use inside a CommonMark paragraph: backslashes before
 * punctuation, backticks, asterisks, `[`, flanking underscores, `<` that could open a tag or
 * autolink, and `&` that could start an entity. `]` too inside link text.
 */
export function escapeInline(text: string, inLinkText = false): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "\\") out += next === undefined || ASCII_PUNCT.test(next) ? "\\\\" : "\\";
    else if (c === "`" || c === "*" || c === "[" || (inLinkText && c === "]")) out += "\\" + c;
    else if (c === "_") out += isAlnum(text[i - 1]) && isAlnum(next) ? "_" : "\\_";
    else if (c === "<") out += next !== undefined && /[A-Za-z/!?]/.test(next) ? "\\<" : "<";
    else if (c === "&") out += /^&#?[A-Za-z0-9]+;/.test(text.slice(i, i + 40)) ? "\\&" : "&";
    else out += c;
  }
  return out;
}

/**
 * Escapes a line that starts a block: what would make it a heading, quote, list item, thematic
 * break, setext underline or code fence at the start of a line is escaped there. Leading
 * white space is dropped (it would otherwise start an indented code block).
 */
export function escapeLine(line: string, inLinkText = false): string {
  const text = escapeInline(line.replace(/^[ \t]+/, "").replace(/[ \t]+$/, ""), inLinkText);
  return text
    .replace(/^(#{1,6})(?=[ \t]|$)/, "\\$1")
    .replace(/^>/, "\\>")
    .replace(/^([-+])(?=[ \t]|$)/, "\\$1")
    .replace(/^(-+|=+)([ \t]*)$/, "\\$1$2")
    .replace(/^(-[ \t]*){3,}$/, (m) => "\\" + m)
    .replace(/^~~~/, "\\~~~")
    .replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, "$1\\$2");
}

/**
 * Escapes multi-line text as the lines of one block, joined by hard line breaks (a trailing
 * backslash); blank lines become paragraph breaks unless `singleParagraph`.
 */
export function escapeBlock(text: string, options: { indent?: string; singleParagraph?: boolean } = {}): string {
  const indent = options.indent ?? "";
  const paragraphs = text
    .trim()
    .split(/\n[ \t]*\n\s*/)
    .map((p) => p.split("\n").map((l) => escapeLine(l)).filter((l) => l !== ""));
  const joinLines = (lines: string[]) => lines.join(`\\\n${indent}`);
  if (options.singleParagraph) return joinLines(paragraphs.flat());
  return paragraphs.map(joinLines).join(`\n${indent}\n${indent}`);
}

/** Guards the end of a heading: a closing run of `#` after a space would be dropped. */
function escapeHeading(text: string): string {
  return escapeBlock(text, { singleParagraph: true }).replace(/\\\n/g, " ").replace(/([ \t])(#+)$/, "$1\\$2");
}

/** A URL as a link destination: only parentheses, spaces and angle brackets need encoding. */
function linkTarget(url: string): string {
  return url.replace(/[()<>\s\\]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"));
}

/** A link when the URL is http(s), otherwise the text and the URL as plain text. */
function link(text: string, url: string): string {
  if (!isHttpUrl(url)) return `${escapeLine(text)}${text === url ? "" : ` (${escapeLine(url)})`}`;
  return `[${escapeBlock(text, { singleParagraph: true }).replace(/\\\n/g, " ").replace(/\]/g, "\\]")}](${linkTarget(url)})`;
}

const isPunctOrSpace = (c: string | undefined) => c === undefined || /[\s\p{P}\p{S}]/u.test(c);
const isPunct = (c: string | undefined) => !!c && /[\p{P}\p{S}]/u.test(c);

/** Bold `inner` between `before` and `after` when CommonMark's flanking rules let `**` open and close there. */
function strongIfPossible(before: string, inner: string, after: string): string {
  const prev = before.at(-1);
  const first = inner[0];
  const last = inner.at(-1);
  const next = after[0];
  const opens = !!first && !/\s/.test(first) && (!isPunct(first) || isPunctOrSpace(prev));
  const closes = !!last && !/\s/.test(last) && (!isPunct(last) || isPunctOrSpace(next));
  return opens && closes ? `${before}**${inner}**${after}` : `${before}${inner}${after}`;
}

function field(lines: string[], label: string, value: string | null | undefined) {
  if (value && value.trim()) lines.push(`- **${label}:** ${escapeBlock(value, { indent: "  ", singleParagraph: true })}`);
}

function claimSection(lines: string[], data: ReportData, claim: ReportClaim, anchored: boolean) {
  lines.push(`### ${claimLabel(claim)}: ${escapeHeading(claim.status.label)}`, "");
  if (anchored && claim.start != null && claim.end != null && claim.quote) {
    const ctx = sentenceContext(data.article.body, claim.start, claim.end);
    const flat = (s: string) => s.replace(/\s*\n\s*/g, " ");
    const before = escapeInline(flat(ctx.before));
    const after = escapeInline(flat(ctx.after));
    const quote = escapeInline(flat(claim.quote));
    const sentence = escapeLine(`${flat(ctx.before)}${flat(claim.quote)}${flat(ctx.after)}`) === `${before}${quote}${after}`
      ? strongIfPossible(before, quote, after)
      : escapeLine(`${flat(ctx.before)}${flat(claim.quote)}${flat(ctx.after)}`);
    lines.push(`> ${sentence}`, "");
  } else {
    lines.push(`> ${escapeBlock(claim.checkedQuote, { indent: "> ", singleParagraph: true })}`, "");
    lines.push(`*${escapeInline(anchorNote(claim))}*`, "");
  }
  field(lines, "Status", claim.status.label);
  field(lines, "Claim", claim.summary);
  field(lines, "Claimant", claim.claimant);
  field(lines, "Verdict set by", claim.statusSetBy);
  field(lines, "Review", reviewLine(claim));
  field(lines, "Review note", claim.reviewNote);
  lines.push("");
  if (claim.rationale.trim()) lines.push("**Rationale**", "", escapeBlock(claim.rationale), "");
  if (claim.evidence.length) {
    lines.push("**Evidence**", "");
    for (const e of claim.evidence) {
      const note = e.note.trim() ? ` — ${escapeBlock(e.note, { indent: "  ", singleParagraph: true })}` : "";
      lines.push(`- ${escapeInline(stanceLabel(e.stance))}: ${link(e.title.trim() || e.url, e.url)}${note}`);
    }
    lines.push("");
  }
}

/** Builds the Markdown report: metadata, counts per status, then each claim in text order. */
export async function buildMarkdownReport(data: ReportData): Promise<string> {
  const { article } = data;
  const lines: string[] = [];
  lines.push(`# ${REPORT_TITLE}: ${escapeHeading(article.title)}`, "");
  field(lines, "Outlet", article.outlet);
  field(lines, "Author", article.author);
  field(lines, "Published", day(article.publishedAt));
  if (article.sourceUrl) lines.push(`- **Source:** ${link(article.sourceUrl, article.sourceUrl)}`);
  lines.push(`- **Revision:** ${article.revision}${article.revisionCreatedAt ? ` of ${day(article.revisionCreatedAt)}` : ""}`);
  if (data.organization.name) {
    lines.push(`- **Fact-checked by:** ${data.organization.url ? link(data.organization.name, data.organization.url) : escapeLine(data.organization.name)}`);
  }
  lines.push(`- **Scope:** ${escapeInline(scopeDescription(data))}`);
  lines.push(`- **Generated:** ${reportStamp(data.generatedAt)}`);
  lines.push("", "## Summary", "");
  const counts = countByStatus(data);
  if (counts.length === 0) {
    lines.push(data.scope === "approved" ? "No approved verdicts yet." : "No claims have been marked in this article yet.");
  } else {
    for (const { status, count } of counts) lines.push(`- ${escapeLine(status.label)}: ${count}`);
    lines.push(`- **Total: ${data.claims.length}**`);
  }
  const { anchored, unanchored } = partitionByAnchor(data.claims);
  if (anchored.length) {
    lines.push("", "## Claims", "");
    await forEachYielding(anchored, (c) => claimSection(lines, data, c, true));
  }
  if (unanchored.length) {
    lines.push("", "## Claims not in the current revision", "");
    await forEachYielding(unanchored, (c) => claimSection(lines, data, c, false));
  }
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
