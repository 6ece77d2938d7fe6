/**
 * A report read from the database is the report of the fixture, to the character: the fixture
 * (test/support/report-fixture.ts, the data behind the golden files) is written to this test
 * file's database and loaded back the way the report worker loads it. The integration suite runs
 * on SQLite and again on PostgreSQL (npm run test:integration:pg), so a report comes out the
 * same on both databases, equal to the golden files.
 */
import { testDb } from "../support/fixtures";
import { FIXTURE_CLAIMS, FIXTURE_GENERATED_AT, fixtureReport } from "../support/report-fixture";
import { loadReportDataFrom } from "@/lib/reports/load";
import { buildReportFile } from "@/lib/reports/build";
import { REPORT_FORMATS, type ReportData, type ReportScope } from "@/lib/reports/model";

const PEOPLE = ["Chen Checker 陈", "Eve Editor", "Olga Ольга"];
const userId = (name: string | null) => (name ? `report-user-${PEOPLE.indexOf(name)}` : null);

beforeAll(async () => {
  const db = testDb();
  const fixture = fixtureReport();
  await db.user.createMany({ data: PEOPLE.map((name, i) => ({ id: `report-user-${i}`, name, email: `report-user-${i}@example.com`, role: "editor" })) });
  for (const [key, value] of [
    ["organization.name", fixture.organization.name!],
    ["organization.url", fixture.organization.url!],
    ["reports.publicBaseUrl", fixture.publicBaseUrl!],
  ]) {
    await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }
  const a = fixture.article;
  await db.article.create({
    data: {
      id: a.id,
      title: a.title,
      body: a.body,
      sourceUrl: a.sourceUrl,
      outlet: a.outlet,
      author: a.author,
      publishedAt: new Date(a.publishedAt!),
      revision: a.revision,
      claimCounter: FIXTURE_CLAIMS.length,
      revisions: { create: { revision: a.revision, title: a.title, body: a.body, createdAt: new Date(a.revisionCreatedAt!) } },
    },
  });
  await db.claim.createMany({
    data: FIXTURE_CLAIMS.map((c) => ({
      id: c.id,
      articleId: a.id,
      number: c.number,
      // An orphaned claim keeps stale offsets in its row; the report must not show them.
      start: c.start ?? 3,
      end: c.end ?? 9,
      quote: c.quote ?? "stale",
      prefix: c.prefix,
      suffix: c.suffix,
      anchor: c.anchor,
      checkedQuote: c.checkedQuote,
      summary: c.summary,
      claimant: c.claimant,
      claimType: c.claimType,
      statusKey: c.status.key,
      rationale: c.rationale,
      reviewState: c.reviewState,
      reviewedById: userId(c.reviewedBy),
      reviewedAt: c.reviewedAt ? new Date(c.reviewedAt) : null,
      reviewNote: c.reviewNote,
      statusSetById: userId(c.statusSetBy),
      createdById: userId(c.createdBy),
      createdAt: new Date(c.createdAt),
      updatedAt: new Date(c.updatedAt),
    })),
  });
  await db.evidence.createMany({
    data: FIXTURE_CLAIMS.flatMap((c) => c.evidence.map((e) => ({ id: e.id, claimId: c.id, url: e.url, title: e.title, stance: e.stance, note: e.note, addedById: userId(e.addedBy), createdAt: new Date(e.createdAt) }))),
  });
  await db.comment.createMany({
    data: FIXTURE_CLAIMS.flatMap((c) => c.comments.map((m) => ({ id: m.id, claimId: c.id, body: m.body, authorId: userId(m.author), createdAt: new Date(m.createdAt) }))),
  });
  await db.auditEvent.createMany({
    data: FIXTURE_CLAIMS.flatMap((c) =>
      c.history.map((h) => ({
        id: h.id,
        actorId: userId(h.actor),
        action: h.action,
        objectType: "claim",
        objectId: c.id,
        before: h.before == null ? null : JSON.stringify(h.before),
        after: h.after == null ? null : JSON.stringify(h.after),
        createdAt: new Date(h.at),
      })),
    ),
  });
}, 120_000);

afterAll(async () => {
  await testDb().$disconnect();
});

describe.each<ReportScope>(["all", "approved"])("the fixture read back from the database, scope %s", (scope) => {
  const load = () => loadReportDataFrom(testDb(), fixtureReport().article.id, { scope, appOrigin: fixtureReport().appOrigin, now: new Date(FIXTURE_GENERATED_AT) });

  it("is the fixture's report data", async () => {
    // A status's place in the scale is its order in the list (the fixture does not number them).
    const unplaced = (data: ReportData | null) =>
      data && { ...data, statuses: data.statuses.map(({ position: _p, ...s }) => s), claims: data.claims.map((c) => ({ ...c, status: { ...c.status, position: undefined } })) };
    expect(unplaced(await load())).toEqual(unplaced(fixtureReport(scope)));
  });

  it.each(REPORT_FORMATS.filter((f) => f !== "pdf"))("gives the same %s file as the fixture (the golden files)", async (format) => {
    const fromDb = await buildReportFile(format, (await load())!);
    const expected = await buildReportFile(format, fixtureReport(scope));
    expect(fromDb.fileName).toEqual(expected.fileName);
    expect(fromDb.body).toBe(expected.body);
  });
});
