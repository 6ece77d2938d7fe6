import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/session";
import { preload } from "react-dom";
import { getArticleWithoutBody } from "@/lib/articles/data";
import { articleTextUrl } from "@/lib/articles/text-url";
import { listStatuses } from "@/lib/statuses/data";
import { NotFoundError } from "@/lib/errors";
import { getArticleChangeSeq } from "@/lib/events/stream";
import { ArticleWorkspace } from "@/components/claims/article-workspace";
import { listAssignablePeople } from "@/lib/claims/people";
import { ArticleChangeTools } from "@/components/articles/article-change-tools";
import { SuggestionsPanel } from "@/components/claims/suggestions-panel";
import { can } from "@/lib/permissions";
import { listRevisions } from "@/lib/articles/revisions";
import { ExportMenu } from "@/components/reports/export-menu";

export default async function ArticlePage({ params, searchParams }: { params: Promise<{ articleId: string }>; searchParams: Promise<{ claim?: string }> }) {
  const user = await requireUser();
  const { articleId } = await params;
  const { claim: openClaim } = await searchParams;
  // Read the change sequence before the claims: the event stream replays anything after it.
  const changeSeq = await getArticleChangeSeq(user, articleId).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const [article, statuses, people] = await Promise.all([
    getArticleWithoutBody(user, articleId).catch((e) => {
      if (e instanceof NotFoundError) notFound();
      throw e;
    }),
    listStatuses(),
    listAssignablePeople(user),
  ]);
  // The text is its own request (GET /api/v1/articles/:id/text, for the revision rendered here),
  // not part of this HTML and its RSC payload: a 2 MB body there costs the browser a second
  // decode, a script compile and a parse. Hinted in the head, it downloads while the page parses.
  const textUrl = articleTextUrl(article.id, article.revision);
  preload(textUrl, { as: "fetch", crossOrigin: "use-credentials" });
  const revisions = await listRevisions(user, articleId);
  return (
    <div className="mx-auto max-w-[1400px] px-4 py-5">
      <div className="mb-4 flex flex-wrap items-start gap-4">
        <div className="min-w-0 flex-1">
          <Link href="/articles" prefetch={false} className="text-sm text-blue-800 hover:underline">
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
        </div>
        <ExportMenu articleId={article.id} />
      </div>
      <ArticleChangeTools
        article={{ id: article.id, revision: article.revision, sourceUrl: article.sourceUrl }}
        claims={article.claims}
        revisions={revisions}
        suggestions={can(user, "suggestions:read") ? <SuggestionsPanel articleId={article.id} revision={article.revision} canAccept={can(user, "claim:update")} /> : null}
        canEdit={can(user, "article:update")}
        canCheck={can(user, "claim:update")}
      />
      <ArticleWorkspace
        article={{ id: article.id, revision: article.revision }}
        initialClaims={article.claims}
        changeSeq={changeSeq}
        statuses={statuses}
        viewer={{ id: user.id, role: user.role }}
        people={people}
        initialSelectedId={openClaim && article.claims.some((c) => c.id === openClaim) ? openClaim : null}
      />
    </div>
  );
}
