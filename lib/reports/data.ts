import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { toStatusDto } from "@/lib/statuses/scale";
import { compareClaimsInTextOrder } from "@/lib/claims/dto";
import type { ReportData } from "@/lib/reports/model";

/** The fact-checking organisation named in reports (Setting "organisation.name"). */
export async function getOrganisationName(): Promise<string> {
  const row = await db.setting.findUnique({ where: { key: "organisation.name" } });
  return row?.value ?? process.env.ORGANISATION_NAME ?? "ClaimCheck newsroom";
}

/** Loads everything a report of one article needs. */
export async function loadReportData(actor: Actor, articleId: string): Promise<ReportData> {
  if (!can(actor, "report:export")) throw new NotFoundError("article");
  const [article, statusRows, organisation] = await Promise.all([
    db.article.findUnique({
      where: { id: articleId },
      select: {
        id: true,
        title: true,
        sourceUrl: true,
        outlet: true,
        author: true,
        publishedAt: true,
        revision: true,
        claims: {
          select: {
            id: true,
            start: true,
            end: true,
            quote: true,
            summary: true,
            claimant: true,
            claimType: true,
            statusKey: true,
            rationale: true,
            reviewState: true,
            reviewedAt: true,
            updatedAt: true,
            reviewedBy: { select: { name: true } },
            statusSetBy: { select: { name: true } },
            evidence: {
              select: { url: true, title: true, stance: true, note: true, addedBy: { select: { name: true } } },
              orderBy: { createdAt: "asc" },
            },
          },
        },
      },
    }),
    db.status.findMany({ orderBy: { position: "asc" } }),
    getOrganisationName(),
  ]);
  if (!article) throw new NotFoundError("article");
  const statuses = statusRows.map(toStatusDto);
  const byKey = new Map(statuses.map((s) => [s.key, s]));
  return {
    article: {
      id: article.id,
      title: article.title,
      sourceUrl: article.sourceUrl,
      outlet: article.outlet,
      author: article.author,
      publishedAt: article.publishedAt?.toISOString() ?? null,
      revision: article.revision,
    },
    organisation,
    generatedAt: new Date().toISOString(),
    statuses,
    claims: [...article.claims].sort(compareClaimsInTextOrder).map((c) => ({
      id: c.id,
      start: c.start,
      end: c.end,
      quote: c.quote,
      summary: c.summary,
      claimant: c.claimant,
      claimType: c.claimType,
      status: byKey.get(c.statusKey) ?? { key: c.statusKey, label: c.statusKey, color: "#6b7280", isVerdict: false },
      rationale: c.rationale,
      reviewState: c.reviewState,
      reviewedBy: c.reviewedBy?.name ?? null,
      reviewedAt: c.reviewedAt?.toISOString() ?? null,
      checkedBy: c.statusSetBy?.name ?? null,
      updatedAt: c.updatedAt.toISOString(),
      evidence: c.evidence.map((e) => ({ url: e.url, title: e.title, stance: e.stance, note: e.note, addedBy: e.addedBy?.name ?? null })),
    })),
  };
}
