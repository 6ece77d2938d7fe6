import Link from "next/link";
import { requireUser } from "@/lib/session";
import { getStats } from "@/lib/stats/data";
import { listStatuses } from "@/lib/statuses/data";
import { DataTable } from "@/components/ui/data-table";
import { VerdictChart } from "@/components/stats/verdict-chart";
import { VerdictStrip } from "@/components/stats/verdict-strip";

export const metadata = { title: "Dashboard" };

/** Articles per page of the per-article table (newest first); the totals count every article. */
const ARTICLES_PER_PAGE = 25;

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const [stats, statuses] = await Promise.all([getStats(user), listStatuses()]);
  const t = stats.totals;
  const pages = Math.max(1, Math.ceil(stats.articles.length / ARTICLES_PER_PAGE));
  const asked = Number((await searchParams).page);
  const page = Number.isInteger(asked) && asked >= 1 ? Math.min(asked, pages) : 1;
  const shown = stats.articles.slice((page - 1) * ARTICLES_PER_PAGE, page * ARTICLES_PER_PAGE);
  const tile = (label: string, value: number, href?: string) => {
    const inner = (
      <>
        <div className="text-3xl font-semibold tabular-nums">{value}</div>
        <div className="text-sm text-slate-700">{label}</div>
      </>
    );
    return href ? (
      <Link href={href} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:bg-slate-50">
        {inner}
      </Link>
    ) : (
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">{inner}</div>
    );
  };
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-6">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <div className="grid gap-3 sm:grid-cols-3">
        {tile("claims in all articles", t.claims, "/claims")}
        {tile("with a verdict", t.checked)}
        {tile("approved", t.approved, "/claims?reviewState=approved")}
      </div>
      <section aria-labelledby="all-verdicts" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="all-verdicts" className="mb-3 text-base font-semibold">
          Claims by status, all articles
        </h2>
        <VerdictChart byStatus={t.byStatus} statuses={statuses} label="Claims by status, all articles" />
        <p className="mt-2 text-xs text-slate-600">Each article below shows the same marks with its counts; the stripes mark verdicts.</p>
      </section>
      <DataTable columns={["Article", "Claims", "With a verdict", "Approved", "By status"]} caption={`Claims per article, page ${page} of ${pages}`}>
        {shown.map((a) => (
          <tr key={a.id} className="border-t border-slate-200 align-top">
            <td className="px-3 py-3">
              <Link href={`/articles/${a.id}`} className="font-medium text-blue-800 underline-offset-2 hover:underline">
                {a.title}
              </Link>
            </td>
            <td className="px-3 py-3 tabular-nums">
              <Link href={`/claims?articleId=${a.id}`} className="underline-offset-2 hover:underline">
                {a.claims}
              </Link>
            </td>
            <td className="px-3 py-3 tabular-nums">{a.checked}</td>
            <td className="px-3 py-3 tabular-nums">
              <Link href={`/claims?articleId=${a.id}&reviewState=approved`} className="underline-offset-2 hover:underline">
                {a.approved}
              </Link>
            </td>
            <td className="min-w-[18rem] px-3 py-3">
              <VerdictStrip byStatus={a.byStatus} statuses={statuses} articleId={a.id} label={`Claims by status in ${a.title}`} />
            </td>
          </tr>
        ))}
      </DataTable>
      {pages > 1 ? (
        <nav className="flex gap-3 text-sm" aria-label="Pages">
          {page > 1 ? <Link href={page === 2 ? "/dashboard" : `/dashboard?page=${page - 1}`}>← Newer articles</Link> : null}
          <span className="text-slate-600">
            Page {page} of {pages}
          </span>
          {page < pages ? <Link href={`/dashboard?page=${page + 1}`}>Older articles →</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
