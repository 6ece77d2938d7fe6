/**
 * The PDF report read back with poppler's pdftotext (Debian's poppler-utils): every claim's quote
 * and verdict are in its text, in Latin, Cyrillic, Greek and CJK; links are http(s) only; pages
 * are numbered.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildPdfReport } from "@/lib/reports/pdf";
import { fixtureReport, FIXTURE_CLAIMS } from "@/test/support/report-fixture";

const flat = (s: string) => s.replace(/\s+/g, " ").trim();

async function pdfText(scope: "all" | "approved" = "all") {
  const bytes = await buildPdfReport(fixtureReport(scope));
  const dir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-pdf-"));
  const file = path.join(dir, "report.pdf");
  writeFileSync(file, bytes);
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  return { bytes: Buffer.from(bytes), text, flatText: flat(text) };
}

describe("PDF report", () => {
  let all: Awaited<ReturnType<typeof pdfText>>;
  beforeAll(async () => {
    all = await pdfText();
  }, 60_000);

  it("is a PDF whose text holds every claim's quote and verdict", () => {
    expect(all.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    for (const c of FIXTURE_CLAIMS) {
      const quote = flat(c.quote ?? c.checkedQuote);
      expect(all.flatText).toContain(quote);
      expect(all.flatText).toContain(`Claim ${c.number} · ${c.status.label}`);
    }
  });

  it("embeds fonts that carry Cyrillic, Greek, CJK and emoji (the text comes back exactly)", () => {
    expect(all.flatText).toContain("Мир — это не капитуляция");
    expect(all.flatText).toContain("Ελληνική κάλυψη");
    expect(all.flatText).toContain("Chen Checker 陈");
    expect(all.flatText).toContain("🇺🇦🕊️ flags");
    expect(all.bytes.toString("latin1")).toMatch(/\/FontFile2/);
  });

  it("names the reviewer, the one who set the verdict, the review note and the revision", () => {
    expect(all.flatText).toContain("Review: Changes requested by Eve Editor on 2026-11-23");
    expect(all.flatText).toContain("Review note: Needs a primary source for the date.");
    expect(all.flatText).toContain("Verdict set by: Olga Ольга");
    expect(all.flatText).toContain("Revision: 2 of 2026-11-25");
    expect(all.flatText).toContain("Fact-checked by: Desk & Co <Fact Check>");
  });

  it("makes http(s) links clickable and nothing else", () => {
    const raw = all.bytes.toString("latin1");
    const uris = [...raw.matchAll(/\/URI \(([^)]*(?:\\\)[^)]*)*)\)/g)].map((m) => m[1]);
    expect(uris.length).toBeGreaterThan(0);
    for (const u of uris) expect(u).toMatch(/^https?:/);
    expect(raw).not.toContain("javascript:");
    // The javascript: URL is still shown, as text.
    expect(all.flatText).toContain("javascript:alert(1)");
  });

  it("numbers its pages", () => {
    expect(all.text).toMatch(/Page 1\b/);
  });

  it("says when it holds approved verdicts only", async () => {
    const approved = await pdfText("approved");
    expect(approved.flatText).toContain("Approved verdicts only: 4 of 7 claims.");
    expect(approved.flatText).not.toContain("Claim 2 ·");
  }, 60_000);
});
