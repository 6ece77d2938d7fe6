/**
 * A fixed report fixture as pure data: the demo article (prisma/demo-article.txt) with one more
 * paragraph holding an emoji and Cyrillic text, a fixed scale, and claims in every review state:
 * one over an emoji, one over Cyrillic text, one no longer in the text, and text written to trip
 * up every format (Markdown syntax, HTML, formulas, non-http links).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { normalizeBody, quoteSelector } from "@/lib/anchoring/text";
import { DEFAULT_STATUS_SCALE, toStatusDto } from "@/lib/statuses/scale";
import { assembleReportData } from "@/lib/reports/load";
import type { ReportClaim, ReportData, ReportScope } from "@/lib/reports/model";

export const EXTRA_PARAGRAPH = "Online, supporters posted 🇺🇦🕊️ flags, and a Kyiv banner read “Мир — это не капитуляция” (Peace is not surrender).";
export const FIXTURE_BODY =
  normalizeBody(readFileSync(path.resolve(process.cwd(), "prisma/demo-article.txt"), "utf8")).trimEnd() + "\n\n" + EXTRA_PARAGRAPH;

export const TRICKY_RATIONALE = [
  "The Kremlin archive (kremlin.ru) lists the visit ~ 2019.",
  "===",
  "# not a heading",
  "> not a quote",
  "- not a list",
  "| a | b |",
  "```",
  "1. not an ordered list",
  "snake_case_name, *stars*, _underscores_ and `ticks`",
  "<script>alert(1)</script> & &amp; stay text",
  "A back\\slash and [brackets](javascript:alert(1)) ~~not struck~~",
  "",
  "Second paragraph: 50% (of 100) — “quoted”.",
].join("\n");

const statuses = DEFAULT_STATUS_SCALE.map(toStatusDto);
const status = (key: string) => statuses.find((s) => s.key === key)!;

function at(quote: string) {
  const start = FIXTURE_BODY.indexOf(quote);
  if (start < 0 || FIXTURE_BODY.indexOf(quote, start + 1) >= 0) throw new Error(`fixture quote not in the body exactly once: ${quote}`);
  const end = start + quote.length;
  const sel = quoteSelector(FIXTURE_BODY, start, end);
  return { start, end, quote: sel.quote, prefix: sel.prefix, suffix: sel.suffix, checkedQuote: sel.quote, anchor: "exact" };
}

const T = (d: number, h = 9) => new Date(Date.UTC(2026, 10, d, h, 0, 0)).toISOString();

function claim(c: Partial<ReportClaim> & Pick<ReportClaim, "id" | "number">): ReportClaim {
  return {
    anchor: "exact",
    start: 0,
    end: 0,
    quote: "",
    prefix: "",
    suffix: "",
    checkedQuote: "",
    summary: "",
    claimant: "",
    claimType: "",
    status: status("unchecked"),
    rationale: "",
    reviewState: "none",
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: "",
    statusSetBy: null,
    createdBy: "Chen Checker 陈",
    createdAt: T(20),
    updatedAt: T(21),
    evidence: [],
    comments: [],
    history: [],
    ...c,
  };
}

export const FIXTURE_CLAIMS: ReportClaim[] = [
  claim({
    id: "claim-1",
    number: 1,
    ...at("Xi last visited Russia in 2019."),
    summary: "Xi last visited Russia in 2019",
    claimant: "AFP",
    status: status("true"),
    rationale: TRICKY_RATIONALE,
    reviewState: "approved",
    reviewedBy: "Eve Editor",
    reviewedAt: T(22, 14),
    reviewNote: "Good sourcing (two archives).",
    statusSetBy: "Chen Checker 陈",
    evidence: [
      { id: "ev-1", url: "https://kremlin.example/events/2019(visit)", title: "Kremlin archive: state visit ~ June 2019", stance: "supports", note: "Primary source.", addedBy: "Chen Checker 陈", createdAt: T(21, 10) },
      { id: "ev-2", url: "https://news.example.gr/άρθρο", title: "Ελληνική κάλυψη", stance: "context", note: "", addedBy: "Chen Checker 陈", createdAt: T(21, 11) },
      { id: "ev-3", url: "javascript:alert(1)", title: "Not a link", stance: "context", note: "Must never be clickable.", addedBy: null, createdAt: T(21, 12) },
    ],
    comments: [{ id: "cm-1", body: "@Eve please review", author: "Chen Checker 陈", createdAt: T(21, 13) }],
    history: [
      { id: "h-1", action: "claim.create", actor: "Chen Checker 陈", at: T(20), before: null, after: { number: 1 } },
      { id: "h-2", action: "claim.update", actor: "Chen Checker 陈", at: T(21), before: { status: "unchecked" }, after: { status: "true" } },
      { id: "h-3", action: "claim.review.approve", actor: "Eve Editor", at: T(22, 14), before: { reviewState: "pending" }, after: { reviewState: "approved", note: "Good sourcing (two archives)." } },
    ],
  }),
  claim({
    id: "claim-2",
    number: 2,
    ...at("nearly 13 months after the start of Russia’s invasion"),
    status: status("mostly_true"),
    claimant: "=HYPERLINK(\"http://evil.example\")",
    summary: "+13 months since the invasion",
    rationale: "-1 month off; @desk check the date",
    reviewState: "pending",
    statusSetBy: "Chen Checker 陈",
  }),
  claim({
    id: "claim-3",
    number: 3,
    ...at("In a 12-point document released last month"),
    status: status("false"),
    reviewState: "rejected",
    reviewedBy: "Eve Editor",
    reviewedAt: T(23, 8),
    reviewNote: "Needs a primary source for the date.",
    statusSetBy: "Olga Ольга",
    evidence: [{ id: "ev-4", url: "https://www.fmprc.example/12-point", title: "", stance: "refutes", note: "", addedBy: "Olga Ольга", createdAt: T(22) }],
  }),
  claim({
    id: "claim-4",
    number: 4,
    ...at("🇺🇦🕊️ flags"),
    summary: "Supporters posted Ukrainian flags 🇺🇦",
    status: status("misleading"),
    reviewState: "approved",
    reviewedBy: "Eve Editor",
    reviewedAt: T(24, 9),
    statusSetBy: "Chen Checker 陈",
  }),
  claim({
    id: "claim-5",
    number: 5,
    ...at("Мир — это не капитуляция"),
    claimant: "Дмитрий Кулеба",
    summary: "A banner in Kyiv read “Peace is not surrender”, a slogan that several outlets attributed to the foreign minister’s office in March",
    status: status("unproven"),
    reviewState: "approved",
    reviewedBy: "Eve Editor",
    reviewedAt: T(24, 10),
    statusSetBy: "Olga Ольга",
  }),
  claim({ id: "claim-6", number: 6, ...at("Winter Olympics in Beijing") }),
  claim({
    id: "claim-7",
    number: 7,
    anchor: "orphaned",
    start: null,
    end: null,
    quote: null,
    checkedQuote: "Xi will stay in Moscow for a week.",
    status: status("false"),
    reviewState: "approved",
    reviewedBy: "Eve Editor",
    reviewedAt: T(22, 15),
    statusSetBy: "Chen Checker 陈",
  }),
];

export const FIXTURE_GENERATED_AT = "2026-11-30T10:00:00.000Z";

/** The fixture as report data in `scope`. */
export function fixtureReport(scope: ReportScope = "all", overrides: Partial<Omit<ReportData, "claims" | "totalClaims">> = {}): ReportData {
  return assembleReportData({
    article: {
      id: "article-1",
      title: "Xi to visit Moscow for 'strategic cooperation' talks with Putin",
      body: FIXTURE_BODY,
      sourceUrl: "https://www.example.com/news/xi-to-visit-moscow",
      outlet: "AFP",
      author: "Agence France-Presse",
      publishedAt: "2023-03-17T12:00:00.000Z",
      revision: 2,
      revisionCreatedAt: "2026-11-25T08:00:00.000Z",
    },
    organization: { name: "Desk & Co <Fact Check>", url: "https://factcheck.example.org" },
    publicBaseUrl: "https://factcheck.example.org/reports",
    appOrigin: "https://claimcheck.example.net",
    generatedAt: FIXTURE_GENERATED_AT,
    scope,
    statuses,
    claims: FIXTURE_CLAIMS,
    ...overrides,
  });
}
