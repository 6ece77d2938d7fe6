/**
 * Reports over real HTTP against the built app and a fresh SQLite file: every format in both
 * scopes, the preview the Export menu shows, the organisation settings, the claims export.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse as parseCsv } from "csv-parse/sync";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, testDb, PASSWORD } from "../support/fixtures";
import reportSchema from "@/lib/reports/report.schema.json";

let server: TestServer;
let admin: ApiClient;
let editor: ApiClient;
let checker: ApiClient;
let viewer: ApiClient;
let anonymous: ApiClient;
let articleId: string;
let body: string;
const today = new Date().toISOString().slice(0, 10);

const TITLE = "Путин и Си: «стратегическое» 合作 talks";
const BODY = [
  "Xi last visited Russia in 2019, the Kremlin said.",
  "Supporters posted 🇺🇦 flags and a banner read “Мир — это не капитуляция”.",
  "Το Κρεμλίνο είπε ότι θα υπογραφούν έγγραφα.",
  "China called for dialogue in a 12-point document.",
].join("\n\n");

type Made = { id: string; quote: string; status: string; review?: "approve" | "reject" };
const made: Made[] = [];

async function signedIn(name: string) {
  const c = new ApiClient(server.url);
  expect((await c.signIn(`${name}@example.com`, PASSWORD)).status).toBe(200);
  return c;
}

async function claim(quote: string, status: string, review?: "approve" | "reject", extra: Record<string, unknown> = {}) {
  const start = body.indexOf(quote);
  const created = await checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, start, end: start + quote.length });
  expect(created.status).toBe(201);
  const set = await checker.patch(`/api/v1/claims/${created.body.id}`, { version: 1, status, ...extra });
  expect(set.status).toBe(200);
  let version = set.body.version;
  const ev = await checker.post(`/api/v1/claims/${created.body.id}/evidence`, { url: `https://evidence.example/${made.length}`, title: `Source ${made.length}`, stance: "supports", note: "Primary." });
  expect(ev.status).toBe(201);
  version = (await checker.get(`/api/v1/claims/${created.body.id}`)).body.version;
  if (review) {
    const r = await editor.post(`/api/v1/claims/${created.body.id}/review`, { version, decision: review, note: review === "reject" ? "Needs a second source." : "" });
    expect(r.status).toBe(200);
  }
  made.push({ id: created.body.id, quote, status, review });
}

beforeAll(async () => {
  await seedUsers();
  server = await startServer();
  [admin, editor, checker, viewer] = await Promise.all(["admin", "editor", "checker", "viewer"].map(signedIn));
  anonymous = new ApiClient(server.url);
  const a = await editor.post("/api/v1/articles", { title: TITLE, body: BODY, sourceUrl: "https://news.example/putin-xi", outlet: "Wire", publishedAt: "2023-03-17" });
  expect(a.status).toBe(201);
  articleId = a.body.id;
  body = a.body.body;
  await claim("Xi last visited Russia in 2019", "true", "approve", { rationale: "# Not a heading\n(kremlin.ru) ~ archive", claimant: "=cmd|' /C calc'!A0" });
  await claim("🇺🇦 flags", "misleading", "approve");
  await claim("Мир — это не капитуляция", "false", "reject");
  await claim("Κρεμλίνο", "half_true");
  await claim("12-point document", "unchecked");
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

// The first report of a run starts the report worker (its own database client): on a busy
// machine that takes longer than Jest's default 5 s.
jest.setTimeout(60_000);

const report = (format: string, scope?: string, who = viewer) => who.get(`/api/v1/articles/${articleId}/report?format=${format}${scope ? `&scope=${scope}` : ""}`);

async function raw(format: string, scope: string) {
  const res = await fetch(`${server.url}/api/v1/articles/${articleId}/report?format=${format}&scope=${scope}`, { headers: { cookie: viewer.cookieHeader } });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe("organisation settings", () => {
  it("are read by anyone signed in and changed by admins only, http(s) URLs only, audited", async () => {
    expect((await viewer.get("/api/v1/settings")).body).toEqual({ organizationName: null, organizationUrl: null, publicBaseUrl: null });
    const bad = await admin.patch("/api/v1/settings", { organizationUrl: "javascript:alert(1)", publicBaseUrl: "ftp://x.example" });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(["organizationUrl", "publicBaseUrl"]);
    expect((await editor.patch("/api/v1/settings", { organizationName: "Not me" })).status).toBe(403);
    expect((await admin.patch("/api/v1/settings", { nonsense: 1 })).status).toBe(422);
    const ok = await admin.patch("/api/v1/settings", { organizationName: "Desk & Co", organizationUrl: "https://factcheck.example.org", publicBaseUrl: "https://factcheck.example.org/checks" });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ organizationName: "Desk & Co", organizationUrl: "https://factcheck.example.org", publicBaseUrl: "https://factcheck.example.org/checks" });
    expect((await viewer.get("/api/v1/settings")).body.organizationName).toBe("Desk & Co");
    const audit = await testDb().auditEvent.findFirst({ where: { action: "settings.update" }, orderBy: { createdAt: "desc" } });
    expect(JSON.parse(audit!.after!)).toMatchObject({ organizationName: "Desk & Co" });
  });
});

describe("GET /api/v1/articles/:id/report", () => {
  const TYPES: Record<string, RegExp> = {
    md: /^text\/markdown; charset=utf-8/,
    html: /^text\/html; charset=utf-8/,
    pdf: /^application\/pdf/,
    csv: /^text\/csv; charset=utf-8/,
    json: /^application\/json/,
    claimreview: /^application\/ld\+json/,
    annotations: /^application\/ld\+json; profile="http:\/\/www\.w3\.org\/ns\/anno\.jsonld"/,
  };
  const EXT: Record<string, string> = { md: "md", html: "html", pdf: "pdf", csv: "csv", json: "json", claimreview: "claimreview.jsonld", annotations: "annotations.jsonld" };

  describe.each(Object.keys(TYPES))("%s", (format) => {
    it.each(["all", "approved"])("downloads with scope=%s: type, file name (with filename* for the non-ASCII title), revision", async (scope) => {
      const { res, bytes } = await raw(format, scope);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(TYPES[format]);
      const disposition = res.headers.get("content-disposition")!;
      expect(disposition).toBe(
        `attachment; filename="talks-${today}.${EXT[format]}"; filename*=UTF-8''${encodeURIComponent(`путин-и-си-стратегическое-合作-talks-${today}.${EXT[format]}`)}`,
      );
      expect(res.headers.get("x-report-revision")).toBe("1");
      expect(res.headers.get("x-report-scope")).toBe(scope);
      expect(bytes.length).toBeGreaterThan(100);
    });
  });

  it("md: every claim in text order with its stable number; scope=approved holds approved verdicts only and says so", async () => {
    const all = (await report("md")).text;
    const order = made.filter((m) => m.status !== "unchecked" || true).map((m) => all.indexOf(m.quote));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(all).toContain("### Claim 1: True");
    expect(all).toContain("- **Review:** Changes requested by editor on");
    expect(all).toContain("- **Review note:** Needs a second source.");
    expect(all).toContain("- **Verdict set by:** checker");
    expect(all).toContain("- **Fact-checked by:** [Desk & Co](https://factcheck.example.org)");
    expect(all).toContain("- **Revision:** 1");
    expect(all).toContain("\\# Not a heading");
    expect(all).toContain("(kremlin.ru) ~ archive");
    const approved = (await report("md", "approved")).text;
    expect(approved).toContain("Approved verdicts only: 2 of 5 claims.");
    expect(approved).toContain("Xi last visited Russia in 2019");
    expect(approved).toContain("🇺🇦 flags");
    // (The rejected claim's words may still show in the approved claim's sentence.)
    expect(approved.match(/^### Claim \d+: .*$/gm)).toEqual(["### Claim 1: True", "### Claim 2: Misleading"]);
    expect(approved).not.toContain("Κρεμλίνο");
  });

  it("html: escaped, with the chart and the organisation", async () => {
    const html = (await report("html")).text;
    expect(html).toContain("<svg");
    expect(html).toContain("Desk &amp; Co");
    expect(html).toContain("<mark>Мир — это не капитуляция</mark>");
  });

  it("pdf: parsed back, every claim's quote and verdict are in its text", async () => {
    for (const scope of ["all", "approved"]) {
      const { bytes } = await raw("pdf", scope);
      const dir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-pdf-"));
      writeFileSync(path.join(dir, "r.pdf"), bytes);
      const text = execFileSync("pdftotext", ["-enc", "UTF-8", path.join(dir, "r.pdf"), "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
      const statuses = (await viewer.get("/api/v1/statuses")).body.statuses as { key: string; label: string }[];
      made.forEach((m, i) => {
        const included = scope === "all" || m.review === "approve";
        const label = statuses.find((s) => s.key === m.status)!.label;
        expect(text.includes(`Claim ${i + 1} · ${label}`)).toBe(included);
        if (included) expect(text).toContain(m.quote);
      });
    }
  }, 60_000);

  it("csv: BOM, header, one row per claim, formulas neutralised", async () => {
    const { bytes } = await raw("csv", "all");
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(bytes.toString("utf8").slice(1), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    expect(rows[0].Claimant).toBe("'=cmd|' /C calc'!A0");
    expect(rows.map((r) => r.Quote)).toEqual(made.map((m) => m.quote));
  });

  it("json: valid against the committed schema in both scopes", async () => {
    const validate = new Ajv2020({ allErrors: true }).compile(reportSchema);
    for (const scope of ["all", "approved"]) {
      const json = (await report("json", scope)).body;
      expect(validate(json)).toBe(true);
      expect(json.claims).toHaveLength(scope === "all" ? 5 : 2);
      expect(json.article.revision).toBe(1);
    }
    const json = (await report("json")).body;
    const rejected = json.claims.find((c: { quote: string }) => c.quote === "Мир — это не капитуляция");
    expect(rejected.review).toMatchObject({ state: "rejected", label: "Changes requested", by: "editor", note: "Needs a second source." });
    expect(rejected.reviews).toEqual([expect.objectContaining({ decision: "reject", by: "editor", note: "Needs a second source." })]);
    expect(rejected.evidence[0]).toMatchObject({ url: "https://evidence.example/2", stanceLabel: "Supports" });
    expect(rejected.history.length).toBeGreaterThan(2);
  });

  it("claimreview: approved verdicts by default, every verdict with scope=all, clean by the checker", async () => {
    const def = (await report("claimreview")).body;
    expect(def.map((i: { reviewRating: { alternateName: string } }) => i.reviewRating.alternateName)).toEqual(["True", "Misleading"]);
    expect(def[0]).toMatchObject({ author: { name: "Desk & Co", url: "https://factcheck.example.org" }, itemReviewed: { appearance: "https://news.example/putin-xi", datePublished: "2023-03-17" } });
    expect(def[0].url).toMatch(/^https:\/\/factcheck\.example\.org\/checks\/.+#claim-1$/);
    expect((await report("claimreview", "all")).body).toHaveLength(4);
    const preview = (await viewer.get(`/api/v1/articles/${articleId}/report?format=claimreview&preview=true`)).body;
    expect(preview).toMatchObject({ format: "claimreview", scope: "approved", items: 2, claims: 2, claimsInArticle: 5 });
    expect(preview.claimReview.errors).toEqual([]);
  });

  it("annotations: selectors find each quote in the stored body", async () => {
    const c = (await report("annotations")).body;
    expect(c.type).toBe("AnnotationCollection");
    expect(c.total).toBe(5);
    const points = Array.from(body);
    for (const a of c.first.items) {
      expect(a.motivation).toBe("assessing");
      expect(a.target.source).toBe("https://news.example/putin-xi");
      const [quote, position] = a.target.selector;
      expect(points.slice(position.start, position.end).join("")).toBe(quote.exact);
      expect(body).toContain(quote.prefix + quote.exact + quote.suffix);
    }
  });

  it("preview: counts of what the file will hold", async () => {
    const p = (await viewer.get(`/api/v1/articles/${articleId}/report?format=csv&scope=approved&preview=true`)).body;
    expect(p).toMatchObject({ format: "csv", scope: "approved", items: 2, claims: 2, claimsInArticle: 5, claimReview: null });
    expect(p.byStatus).toEqual([{ key: "true", label: "True", count: 1 }, { key: "misleading", label: "Misleading", count: 1 }]);
  });

  it("refuses bad input in the API's error shape", async () => {
    const f = await report("docx");
    expect(f.status).toBe(422);
    expect(f.body.error.details.fields.format).toBeDefined();
    const s = await report("md", "mine");
    expect(s.status).toBe(422);
    expect(s.body.error.details.fields.scope).toBeDefined();
    expect((await viewer.get(`/api/v1/articles/missing/report?format=pdf`)).status).toBe(404);
    expect((await report("md", undefined, anonymous)).status).toBe(401);
  });
});

describe("GET /api/v1/claims/export", () => {
  async function listAll(query: string) {
    const out: { id: string }[] = [];
    for (let page = 1; page; ) {
      const r = await viewer.get(`/api/v1/claims?${query}&page=${page}`);
      out.push(...r.body.claims);
      page = r.body.nextPage;
    }
    return out;
  }

  it("exports every claim the list's filters match, as CSV and JSON", async () => {
    for (const query of [`articleId=${articleId}`, `status=true`, `q=${encodeURIComponent("flags")}`, ""]) {
      const listed = await listAll(query);
      const csv = await fetch(`${server.url}/api/v1/claims/export?format=csv&${query}`, { headers: { cookie: viewer.cookieHeader } });
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="claims-${today}.csv"`);
      const rows = parseCsv((await csv.text()).replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
      expect(rows.map((r) => r["Claim ID"]).sort()).toEqual(listed.map((c) => c.id).sort());
      const json = await viewer.get(`/api/v1/claims/export?format=json&${query}`);
      expect(json.status).toBe(200);
      expect(json.body.count).toBe(listed.length);
      expect(json.body.claims.map((c: { id: string }) => c.id).sort()).toEqual(listed.map((c) => c.id).sort());
    }
    const one = (await viewer.get(`/api/v1/claims/export?format=json&articleId=${articleId}&status=false`)).body.claims[0];
    expect(one).toMatchObject({ quote: "Мир — это не капитуляция", statusLabel: "False", reviewStateLabel: "Changes requested", article: { id: articleId, title: TITLE } });
    expect(one.evidence).toHaveLength(1);
  });

  it("refuses an unknown format and anonymous callers", async () => {
    expect((await viewer.get("/api/v1/claims/export?format=xlsx")).status).toBe(422);
    expect((await anonymous.get("/api/v1/claims/export?format=csv")).status).toBe(401);
  });
});
