/**
 * Report formats on a fixed fixture (the demo article with claims over an emoji and Cyrillic
 * text): golden files for md, csv, json, claimreview and annotations, and checks that read each
 * format back the way its consumers do (a CommonMark parser, a CSV parser, a JSON Schema
 * validator, the ClaimReview checker, the stored body for annotation selectors).
 * UPDATE_GOLDEN=1 rewrites the golden files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Parser, type Node } from "commonmark";
import { parse as parseCsv } from "csv-parse/sync";
import Ajv2020 from "ajv/dist/2020";
import { fixtureReport, FIXTURE_BODY, TRICKY_RATIONALE } from "@/test/support/report-fixture";
import { buildReportFile } from "@/lib/reports/build";
import { buildMarkdownReport, escapeLine } from "@/lib/reports/markdown";
import { buildCsvReport, neutraliseCell } from "@/lib/reports/csv";
import { buildJsonReport } from "@/lib/reports/json";
import { buildClaimReviews, checkClaimReviews, buildClaimReviewReport } from "@/lib/reports/claimreview";
import { buildAnnotationCollection, buildAnnotationsReport } from "@/lib/reports/annotations";
import { buildHtmlReport } from "@/lib/reports/html";
import { contentDisposition, reportFileNames } from "@/lib/reports/model";
import reportSchema from "@/lib/reports/report.schema.json";

const GOLDEN = path.resolve(process.cwd(), "test/unit/golden");

function golden(name: string, actual: string) {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}

describe("golden files on the fixture", () => {
  it("md", async () => golden("report.md", await buildMarkdownReport(fixtureReport())));
  it("md, approved only", async () => golden("report-approved.md", await buildMarkdownReport(fixtureReport("approved"))));
  it("csv", async () => golden("report.csv", await buildCsvReport(fixtureReport())));
  it("json", async () => golden("report.json", await buildJsonReport(fixtureReport())));
  it("claimreview (approved, its default)", async () => golden("report.claimreview.jsonld", await buildClaimReviewReport(fixtureReport("approved"))));
  it("annotations", async () => golden("report.annotations.jsonld", await buildAnnotationsReport(fixtureReport())));
});

// ---------------------------------------------------------------- Markdown

/** The text a CommonMark renderer shows for a node: line breaks as "\n". */
function textOf(node: Node): string {
  let out = "";
  const walker = node.walker();
  let e;
  while ((e = walker.next())) {
    if (!e.entering) continue;
    const n = e.node;
    if (n.type === "text" || n.type === "code") out += n.literal;
    else if (n.type === "softbreak" || n.type === "linebreak") out += "\n";
  }
  return out;
}

function blocks(md: string) {
  const doc = new Parser().parse(md);
  const all: Node[] = [];
  const walker = doc.walker();
  let e;
  while ((e = walker.next())) if (e.entering) all.push(e.node);
  return all;
}

describe("Markdown reads back as typed through a CommonMark parser", () => {
  it("keeps a rationale of Markdown syntax as text: no heading, quote, list, rule, fence, HTML or link comes from it", async () => {
    const md = await buildMarkdownReport(fixtureReport());
    const nodes = blocks(md);
    const paragraphs = nodes.filter((n) => n.type === "paragraph").map(textOf);
    const typed = TRICKY_RATIONALE.split("\n\n");
    expect(paragraphs).toContain(typed[0]);
    expect(paragraphs).toContain(typed[1]);
    for (const kind of ["html_block", "html_inline", "code_block", "code", "thematic_break", "image"]) {
      expect(nodes.filter((n) => n.type === kind)).toEqual([]);
    }
    // Headings: the title, Summary, Claims, the unanchored section, and one per claim.
    expect(nodes.filter((n) => n.type === "heading").map(textOf)).toEqual([
      "Verification report: Xi to visit Moscow for 'strategic cooperation' talks with Putin",
      "Summary",
      "Claims",
      "Claim 1: True",
      "Claim 6: Unchecked",
      "Claim 2: Mostly true",
      "Claim 3: False",
      "Claim 4: Misleading",
      "Claim 5: Unproven",
      "Claims not in the current revision",
      "Claim 7: False",
    ]);
    expect(nodes.filter((n) => n.type === "block_quote")).toHaveLength(7);
    // Every link goes to an http(s) address; the javascript: one is text.
    const links = nodes.filter((n) => n.type === "link").map((n) => n.destination!);
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(l).toMatch(/^https?:\/\//);
    expect(paragraphs.join("\n") + nodes.filter((n) => n.type === "item").map(textOf).join("\n")).toContain("Not a link (javascript:alert(1))");
  });

  it("does not over-escape plain text: parentheses, tildes, pipes and intraword underscores stay as typed", async () => {
    const md = await buildMarkdownReport(fixtureReport());
    expect(md).toContain("The Kremlin archive (kremlin.ru) lists the visit ~ 2019.");
    expect(md).toContain("| a | b |");
    expect(md).toContain("snake_case_name");
    expect(md).toContain("Second paragraph: 50% (of 100) — “quoted”.");
    expect(md).not.toMatch(/\\[()~|%]/);
  });

  it("shows every claim's quote in its sentence, labelled with its stable number, and the reviewer's note", async () => {
    const md = await buildMarkdownReport(fixtureReport());
    const text = blocks(md).filter((n) => n.type === "block_quote").map(textOf);
    expect(text[0]).toBe("Xi last visited Russia in 2019. Putin attended the opening of the Winter Olympics in Beijing last year, and the two leaders met in person at a regional security summit in Uzbekistan last September.");
    expect(text.some((t) => t.includes("🇺🇦🕊️ flags"))).toBe(true);
    expect(text.some((t) => t.includes("Мир — это не капитуляция"))).toBe(true);
    expect(md).toContain("- **Review:** Changes requested by Eve Editor on 2026-11-23");
    expect(md).toContain("- **Review note:** Needs a primary source for the date.");
    expect(md).toContain("- **Verdict set by:** Olga Ольга");
    expect(md).toContain("- **Fact-checked by:** [Desk & Co \\<Fact Check>](https://factcheck.example.org)");
  });

  it("holds only approved verdicts with scope=approved, and says so in the header", async () => {
    const md = await buildMarkdownReport(fixtureReport("approved"));
    expect(md).toContain("Approved verdicts only: 4 of 7 claims.");
    expect(md).not.toContain("Awaiting review");
    expect(md).not.toContain("Changes requested");
    expect(md.match(/^### Claim \d+/gm)).toEqual(["### Claim 1", "### Claim 4", "### Claim 5", "### Claim 7"]);
  });

  it.each([
    ["=== ", "=== "],
    ["# x", "# x"],
    ["1) one", "1) one"],
    ["+ plus", "+ plus"],
    ["> quote", "> quote"],
    ["~~~ fence", "~~~ fence"],
    ["    indented code", "indented code"],
    ["- - -", "- - -"],
    ["---", "---"],
    ["a\\", "a\\"],
    ["&copy; <b>x</b> <https://x.example>", "&copy; <b>x</b> <https://x.example>"],
    ["**bold** __b__", "**bold** __b__"],
    ["[a]: https://x.example", "[a]: https://x.example"],
  ])("renders the line %j as the text %j", (line, shown) => {
    const md = `${escapeLine(line)}\n`;
    const p = blocks(md).filter((n) => n.type === "paragraph");
    expect(p.map(textOf).join("")).toBe(shown.trimEnd());
  });
});

// ---------------------------------------------------------------- CSV

describe("CSV", () => {
  it("is RFC 4180 with a BOM and a header row, one row per claim, formulas neutralised", async () => {
    const csv = await buildCsvReport(fixtureReport());
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toMatch(/\r\n$/);
    const rows = parseCsv(csv.slice(1), { columns: true, record_delimiter: "\r\n" }) as Record<string, string>[];
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => r.Claim)).toEqual(["1", "6", "2", "3", "4", "5", "7"]);
    const two = rows.find((r) => r.Claim === "2")!;
    expect(two.Claimant).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(two.Summary).toBe("'+13 months since the invasion");
    expect(two.Rationale).toBe("'-1 month off; @desk check the date");
    expect(two.Review).toBe("Awaiting review");
    expect(rows.find((r) => r.Claim === "4")!.Quote).toBe("🇺🇦🕊️ flags");
    expect(rows.find((r) => r.Claim === "5")!.Quote).toBe("Мир — это не капитуляция");
    expect(rows.find((r) => r.Claim === "1")!.Rationale).toBe(TRICKY_RATIONALE);
    expect(rows.find((r) => r.Claim === "3")!["Review note"]).toBe("Needs a primary source for the date.");
  });

  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])("neutralises a cell starting %j", (v) => {
    expect(neutraliseCell(v)).toBe(`'${v}`);
  });
  it("leaves ordinary cells alone", () => {
    expect(neutraliseCell("a-b = c")).toBe("a-b = c");
  });
});

// ---------------------------------------------------------------- JSON

describe("JSON", () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(reportSchema);
  it.each(["all", "approved"] as const)("validates against the committed JSON Schema (scope %s)", async (scope) => {
    const json = JSON.parse(await buildJsonReport(fixtureReport(scope)));
    const ok = validate(json);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
  it("has the article's revision, claims with evidence, comments, reviews and history", async () => {
    const json = JSON.parse(await buildJsonReport(fixtureReport()));
    expect(json.article.revision).toBe(2);
    const one = json.claims.find((c: { number: number }) => c.number === 1);
    expect(one.evidence).toHaveLength(3);
    expect(one.comments[0].body).toBe("@Eve please review");
    expect(one.reviews).toEqual([{ decision: "approve", by: "Eve Editor", at: "2026-11-22T14:00:00.000Z", note: "Good sourcing (two archives)." }]);
    expect(one.history).toHaveLength(3);
  });
  it("fails the schema when a required part is missing (the check can fail)", async () => {
    const json = JSON.parse(await buildJsonReport(fixtureReport()));
    delete json.claims[0].review;
    expect(validate(json)).toBe(false);
  });
});

// ---------------------------------------------------------------- ClaimReview

describe("ClaimReview", () => {
  it("has one item per approved verdict, valid by the checker, with a warning for a long claimReviewed", () => {
    const items = buildClaimReviews(fixtureReport("approved"));
    expect(items.map((i) => i.reviewRating.alternateName)).toEqual(["True", "Misleading", "Unproven", "False"]);
    expect(items[0]).toMatchObject({
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: "https://factcheck.example.org/reports/xi-to-visit-moscow-for-strategic-cooperation-talks-with#claim-1",
      datePublished: "2026-11-22",
      author: { "@type": "Organization", name: "Desk & Co <Fact Check>", url: "https://factcheck.example.org" },
      reviewRating: { "@type": "Rating", alternateName: "True", ratingValue: 5, bestRating: 5, worstRating: 1 },
      itemReviewed: { "@type": "Claim", author: { "@type": "Person", name: "AFP" }, appearance: "https://www.example.com/news/xi-to-visit-moscow", datePublished: "2023-03-17" },
    });
    // Unproven has no number on the scale: no rating numbers.
    expect(items[2].reviewRating).toEqual({ "@type": "Rating", alternateName: "Unproven" });
    const check = checkClaimReviews(items);
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ index: 2, path: "claimReviewed" })]));
  });

  it("holds every verdict with scope=all, never a claim without one", () => {
    const items = buildClaimReviews(fixtureReport("all"));
    expect(items).toHaveLength(6);
    expect(items.map((i) => i.reviewRating.alternateName)).not.toContain("Unchecked");
  });

  it("reports Google's and schema.org's rule breaks as errors", () => {
    const [good] = buildClaimReviews(fixtureReport("approved"));
    const bad = [
      { ...good, reviewRating: { "@type": "Rating", ratingValue: 7, bestRating: 5, worstRating: 1 } },
      { ...good, url: "/reports/x#claim-1", datePublished: "22/11/2026" },
      { ...good, author: { "@type": "Organization" }, itemReviewed: { "@type": "Claim", appearance: "javascript:alert(1)", datePublished: "2023-02-30" } },
      { ...good, claimReviewed: "", reviewRating: { ...good.reviewRating, ratingValue: 2, bestRating: 1, worstRating: 5 } },
    ];
    const { errors } = checkClaimReviews(bad);
    const paths = errors.map((e) => `${e.index}:${e.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        "0:reviewRating.alternateName",
        "0:reviewRating.ratingValue",
        "1:url",
        "1:datePublished",
        "2:author.name",
        "2:itemReviewed.appearance",
        "2:itemReviewed.datePublished",
        "3:claimReviewed",
        "3:reviewRating.bestRating",
      ]),
    );
  });

  it("names missing settings as errors: no organisation and no public base URL", () => {
    const items = buildClaimReviews(fixtureReport("approved", { organization: { name: null, url: null }, publicBaseUrl: null }));
    const paths = checkClaimReviews(items).errors.map((e) => e.path);
    expect(paths).toContain("url");
    expect(paths).toContain("author.name");
  });
});

// ---------------------------------------------------------------- Web Annotations

describe("W3C Web Annotations", () => {
  const isIri = (v: unknown) => typeof v === "string" && /^[a-z][a-z0-9+.-]*:\S+$/i.test(v);

  it("satisfies the data model's MUSTs for the collection, page and each annotation", () => {
    const c = buildAnnotationCollection(fixtureReport()) as any;
    expect(c["@context"]).toBe("http://www.w3.org/ns/anno.jsonld");
    expect(c.type).toBe("AnnotationCollection");
    expect(isIri(c.id)).toBe(true);
    expect(c.total).toBe(7);
    const page = c.first;
    expect(page.type).toBe("AnnotationPage");
    expect(isIri(page.id)).toBe(true);
    expect(page.partOf).toBe(c.id);
    expect(page.items).toHaveLength(7);
    const ids = new Set<string>();
    for (const a of page.items) {
      expect(isIri(a.id)).toBe(true);
      ids.add(a.id);
      expect(a.type).toBe("Annotation");
      expect(a.motivation).toBe("assessing");
      expect(a.target).toBeDefined();
      expect(isIri(a.target.source)).toBe(true);
      expect(a.target.type).toBe("SpecificResource");
      for (const key of ["created", "modified", "generated"]) expect(new Date(a[key]).toISOString()).toBe(a[key]);
      const bodies = a.body as any[];
      expect(bodies[0]).toMatchObject({ type: "TextualBody", purpose: "assessing", value: expect.any(String) });
      for (const b of bodies) {
        if (b.type === "TextualBody") expect(typeof b.value).toBe("string");
        else {
          expect(b.type).toBe("SpecificResource");
          expect(b.source).toMatch(/^https?:\/\//);
        }
      }
      for (const s of a.target.selector) {
        if (s.type === "TextQuoteSelector") expect(typeof s.exact).toBe("string");
        else {
          expect(s.type).toBe("TextPositionSelector");
          expect(Number.isInteger(s.start) && s.start >= 0).toBe(true);
          expect(Number.isInteger(s.end) && s.end >= s.start).toBe(true);
        }
      }
    }
    expect(ids.size).toBe(7);
  });

  it("has selectors that find each quote in the stored body (positions in code points, quote with its context)", () => {
    const c = buildAnnotationCollection(fixtureReport()) as any;
    const points = Array.from(FIXTURE_BODY);
    let checked = 0;
    for (const a of c.first.items) {
      const quote = a.target.selector.find((s: any) => s.type === "TextQuoteSelector");
      const position = a.target.selector.find((s: any) => s.type === "TextPositionSelector");
      if (!position) continue;
      expect(points.slice(position.start, position.end).join("")).toBe(quote.exact);
      expect(FIXTURE_BODY).toContain(quote.prefix + quote.exact + quote.suffix);
      checked++;
    }
    expect(checked).toBe(6);
    // After the emoji the code-point positions differ from UTF-16 offsets.
    const cyr = c.first.items.find((a: any) => a.target.selector[0].exact === "Мир — это не капитуляция");
    const utf16 = FIXTURE_BODY.indexOf("Мир — это не капитуляция");
    expect(cyr.target.selector[1].start).toBe(utf16 - 3);
  });

  it("gives evidence links as resource bodies, http(s) only", () => {
    const c = buildAnnotationCollection(fixtureReport()) as any;
    const one = c.first.items[0];
    const sources = one.body.filter((b: any) => b.type === "SpecificResource").map((b: any) => b.source);
    expect(sources).toEqual(["https://kremlin.example/events/2019(visit)", "https://news.example.gr/άρθρο"]);
  });
});

// ---------------------------------------------------------------- HTML

describe("HTML", () => {
  it("escapes user text, links only http(s), draws a labelled chart and says which revision it describes", async () => {
    const html = await buildHtmlReport(fixtureReport());
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('<a href="https://kremlin.example/events/2019(visit)" rel="noopener noreferrer nofollow">');
    expect(html).toMatch(/<svg[^>]+role="img"[^>]+aria-label="Claims per status\. Unchecked: 1, True: 1/);
    expect(html).toContain("<dt>Revision</dt><dd>2 of 2026-11-25</dd>");
    expect(html).toContain("Desk &amp; Co &lt;Fact Check&gt;");
    expect(html).toContain("@page { size: auto;");
    expect(await buildHtmlReport(fixtureReport(), "letter")).toContain("@page { size: letter;");
  });
});

// ---------------------------------------------------------------- file names

describe("file names", () => {
  it("is <slug>-<date>.<ext>, cut between words", () => {
    const names = reportFileNames("Xi to visit Moscow for 'strategic cooperation' talks with Putin", "2026-11-30T10:00:00Z", "md");
    expect(names.ascii).toBe("xi-to-visit-moscow-for-strategic-cooperation-talks-with-2026-11-30.md");
    expect(names.ascii.length).toBeLessThan(80);
  });
  it("keeps non-ASCII titles in filename* (RFC 6266) and a plain fallback", () => {
    const names = reportFileNames("Путин и Си: «стратегическое сотрудничество» 习近平", "2026-11-30", "pdf");
    expect(names.ascii).toBe("article-2026-11-30.pdf");
    expect(names.unicode).toBe("путин-и-си-стратегическое-сотрудничество-习近平-2026-11-30.pdf");
    const header = contentDisposition(names);
    expect(header).toBe(`attachment; filename="article-2026-11-30.pdf"; filename*=UTF-8''${encodeURIComponent(names.unicode)}`);
  });
  it("drops characters no operating system allows and accents in the ASCII name", () => {
    const names = reportFileNames('Café: a/b\\c <d> "e" | f? * CON.', "2026-01-02", "csv");
    expect(names.ascii).toBe("cafe-a-b-c-d-e-f-con-2026-01-02.csv");
    expect(names.unicode).toBe("café-a-b-c-d-e-f-con-2026-01-02.csv");
  });
});

describe("every format builds with its type and file name", () => {
  it.each(["md", "html", "pdf", "csv", "json", "claimreview", "annotations"] as const)("%s", async (format) => {
    const file = await buildReportFile(format, fixtureReport());
    expect(file.fileName.ascii).toMatch(/^xi-to-visit-moscow-for-strategic-cooperation-talks-with-2026-11-30\.[a-z.]+$/);
    expect(file.disposition).toMatch(/^attachment; filename="/);
    expect(file.body.length).toBeGreaterThan(100);
  }, 60_000);
});
