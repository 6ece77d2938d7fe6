import Link from "next/link";
import { requireUser } from "@/lib/session";
import { listArticles } from "@/lib/articles/data";
import { listStatuses } from "@/lib/statuses/data";
import { can } from "@/lib/permissions";
import { StatusBadge } from "@/components/claims/status-badge";
import { DataTable } from "@/components/ui/data-table";

export const metadata = { title: "Articles" };

export default async function ArticlesPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  const user = await requireUser();
  const params = await searchParams;
  const page = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  const q = (params.q ?? "").slice(0, 200);
  const [{ articles, nextPage }, statuses] = await Promise.all([listArticles(user, { q: q || undefined, page }), listStatuses()]);
  return (
    <div className="mx-auto max-w-6xl px-4 py-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Articles</h1>
        <form className="ml-auto flex gap-2" role="search">
          <label className="sr-only" htmlFor="q">
            Search articles
          </label>
          <input id="q" name="q" defaultValue={q} placeholder="Search title, outlet or text" className="w-64 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm" />
          <button className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">Search</button>
        </form>
        {can(user, "article:create") ? (
          <Link href="/articles/new" className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
            Import article
          </Link>
        ) : null}
      </div>
      {articles.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {q ? `No articles match “${q}”.` : "No articles yet."}
        </p>
      ) : (
        <DataTable columns={["Title", "Outlet", "Published", "Claims"]} className="mt-6">
            {articles.map((a) => (
              <tr key={a.id} className="border-t border-slate-200 align-top">
                <td className="px-3 py-3">
                  <Link href={`/articles/${a.id}`} className="font-medium text-blue-800 underline-offset-2 hover:underline">
                    {a.title}
                  </Link>
                </td>
                <td className="px-3 py-3 text-slate-700">{a.outlet ?? "—"}</td>
                <td className="whitespace-nowrap px-3 py-3 text-slate-700">{a.publishedAt ? a.publishedAt.slice(0, 10) : "—"}</td>
                <td className="px-3 py-3">
                  <div className="mb-1 text-slate-700">
                    {a.claimCount === 0 ? "No claims yet" : `${a.checkedCount} of ${a.claimCount} with a verdict`}
                  </div>
                  <div className="flex flex-wrap gap-1">
                    {statuses
                      .filter((s) => a.statusCounts[s.key])
                      .map((s) => (
                        <StatusBadge key={s.key} status={s} count={a.statusCounts[s.key]} size="xs" />
                      ))}
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
      )}
      <div className="mt-4 flex gap-3 text-sm">
        {page > 1 ? <Link href={`/articles?${new URLSearchParams({ ...(q ? { q } : {}), page: String(page - 1) })}`}>← Newer</Link> : null}
        {nextPage ? <Link href={`/articles?${new URLSearchParams({ ...(q ? { q } : {}), page: String(nextPage) })}`}>Older →</Link> : null}
      </div>
    </div>
  );
}
