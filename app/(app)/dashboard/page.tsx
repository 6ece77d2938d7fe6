import Link from "next/link";
import { requireUser } from "@/lib/session";
import { getStats } from "@/lib/stats/data";
import { listStatuses } from "@/lib/statuses/data";
import { DataTable } from "@/components/ui/data-table";
import { VerdictChart } from "@/components/stats/verdict-chart";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser();
  const [stats, statuses] = await Promise.all([getStats(user), listStatuses()]);
  const t = stats.totals;
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
      </section>
      <DataTable columns={["Article", "Claims", "With a verdict", "Approved", "By status"]} caption="Claims per article">
        {stats.articles.map((a) => (
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
              <VerdictChart byStatus={a.byStatus} statuses={statuses} articleId={a.id} label={`Claims by status in ${a.title}`} />
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
