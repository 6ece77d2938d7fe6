import { requireUser } from "@/lib/session";
import { getStats } from "@/lib/stats/data";
import { listStatuses } from "@/lib/statuses/data";
import { VerdictChart } from "@/components/stats/verdict-chart";
import { ArticleStatsTable } from "@/components/stats/article-stats-table";

export const metadata = { title: "Dashboard" };

/** Articles per page of the per-article table (newest first); the totals count every article. */
const ARTICLES_PER_PAGE = 25;

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const statuses = await listStatuses();
  const stats = await getStats(user, undefined, statuses);
  const t = stats.totals;
  const pages = Math.max(1, Math.ceil(stats.articles.length / ARTICLES_PER_PAGE));
  const asked = Number((await searchParams).page);
  const page = Number.isInteger(asked) && asked >= 1 ? Math.min(asked, pages) : 1;
  const shown = stats.articles.slice((page - 1) * ARTICLES_PER_PAGE, page * ARTICLES_PER_PAGE);
  const tile = (key: string, label: string, value: number, href?: string) => {
    const inner = (
      <>
        <div className="text-3xl font-semibold tabular-nums" data-total={key}>
          {value}
        </div>
        <div className="text-sm text-slate-700">{label}</div>
      </>
    );
    return href ? (
      <a href={href} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:bg-slate-50">
        {inner}
      </a>
    ) : (
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">{inner}</div>
    );
  };
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-6">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <div className="grid gap-3 sm:grid-cols-3">
        {tile("claims", "claims in all articles", t.claims, "/claims")}
        {tile("checked", "with a verdict", t.checked)}
        {tile("approved", "approved", t.approved, "/claims?reviewState=approved")}
      </div>
      <section aria-labelledby="all-verdicts" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="all-verdicts" className="mb-3 text-base font-semibold">
          Claims by status, all articles
        </h2>
        <VerdictChart byStatus={t.byStatus} statuses={statuses} label="Claims by status, all articles" />
        <p className="mt-2 text-xs text-slate-600">Each article below shows the same marks with its counts; the stripes mark verdicts.</p>
      </section>
      <ArticleStatsTable
        rows={shown.map((a) => ({ id: a.id, title: a.title, claims: a.claims, checked: a.checked, approved: a.approved, counts: statuses.map((s) => a.byStatus[s.key] ?? 0) }))}
        statuses={statuses}
        caption={`Claims per article, page ${page} of ${pages}`}
      />
      {pages > 1 ? (
        <nav className="flex gap-3 text-sm" aria-label="Pages">
          {page > 1 ? <a href={page === 2 ? "/dashboard" : `/dashboard?page=${page - 1}`}>← Newer articles</a> : null}
          <span className="text-slate-600">
            Page {page} of {pages}
          </span>
          {page < pages ? <a href={`/dashboard?page=${page + 1}`}>Older articles →</a> : null}
        </nav>
      ) : null}
    </div>
  );
}
