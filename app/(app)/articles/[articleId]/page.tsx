import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/session";
import { getArticle } from "@/lib/articles/data";
import { listStatuses } from "@/lib/statuses/data";
import { NotFoundError } from "@/lib/errors";
import { ArticleWorkspace } from "@/components/claims/article-workspace";
import { StatusBadge } from "@/components/claims/status-badge";
import { ExportMenu } from "@/components/reports/export-menu";

export default async function ArticlePage({ params }: { params: Promise<{ articleId: string }> }) {
  const user = await requireUser();
  const { articleId } = await params;
  const [article, statuses] = await Promise.all([
    getArticle(user, articleId).catch((e) => {
      if (e instanceof NotFoundError) notFound();
      throw e;
    }),
    listStatuses(),
  ]);
  const counts = statuses
    .map((s) => ({ status: s, count: article.claims.filter((c) => c.status === s.key).length }))
    .filter((r) => r.count > 0);
  return (
    <div className="mx-auto max-w-[1400px] px-4 py-5">
      <div className="mb-4 flex flex-wrap items-start gap-4">
        <div className="min-w-0 flex-1">
          <Link href="/articles" className="text-sm text-blue-800 hover:underline">
            ← Articles
          </Link>
          <h1 className="mt-1 text-2xl font-semibold leading-tight">{article.title}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {[article.outlet, article.author, article.publishedAt?.slice(0, 10)].filter(Boolean).join(" · ")}
            {article.sourceUrl ? (
              <>
                {" · "}
                <a href={article.sourceUrl} target="_blank" rel="noopener noreferrer nofollow" className="text-blue-800 underline">
                  Source
                </a>
              </>
            ) : null}
          </p>
          {counts.length ? (
            <div className="mt-2 flex flex-wrap gap-1" aria-label="Claims by status">
              {counts.map((r) => (
                <StatusBadge key={r.status.key} status={r.status} count={r.count} size="xs" />
              ))}
            </div>
          ) : null}
        </div>
        <ExportMenu articleId={article.id} />
      </div>
      <ArticleWorkspace
        article={{ id: article.id, body: article.body }}
        initialClaims={article.claims}
        statuses={statuses}
        viewer={{ id: user.id, role: user.role }}
      />
    </div>
  );
}
