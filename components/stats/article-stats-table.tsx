"use client";
import { DataTable } from "@/components/ui/data-table";
import { VerdictStrip } from "@/components/stats/verdict-strip";
import type { StatusDto } from "@/lib/statuses/scale";

/** One article's row: its counts, and its claims per status in the order of `statuses`. */
export type ArticleStatsRow = { id: string; title: string; claims: number; checked: number; approved: number; counts: number[] };

/**
 * The dashboard's table of claims per article. A client component on purpose: it receives the
 * counts as compact data and draws the rows itself, so each request sends the numbers once
 * instead of every row's markup twice (as HTML and as the page's RSC data). Nothing in it needs
 * the browser: it renders the same on the server.
 */
export function ArticleStatsTable({ rows, statuses, caption }: { rows: ArticleStatsRow[]; statuses: StatusDto[]; caption: string }) {
  return (
    <DataTable columns={["Article", "Claims", "With a verdict", "Approved", "By status"]} caption={caption}>
      {rows.map((a) => {
        const article = encodeURIComponent(a.id);
        const byStatus: Record<string, number> = {};
        statuses.forEach((s, i) => {
          if (a.counts[i]) byStatus[s.key] = a.counts[i];
        });
        return (
          <tr key={a.id} className="border-t border-slate-200 align-top">
            <td className="px-3 py-3">
              <a href={`/articles/${article}`} className="font-medium text-blue-800 underline-offset-2 hover:underline">
                {a.title}
              </a>
            </td>
            <td className="px-3 py-3 tabular-nums">
              <a href={`/claims?articleId=${article}`} className="underline-offset-2 hover:underline">
                {a.claims}
              </a>
            </td>
            <td className="px-3 py-3 tabular-nums">{a.checked}</td>
            <td className="px-3 py-3 tabular-nums">
              <a href={`/claims?articleId=${article}&reviewState=approved`} className="underline-offset-2 hover:underline">
                {a.approved}
              </a>
            </td>
            <td className="min-w-[18rem] px-3 py-3">
              <VerdictStrip byStatus={byStatus} statuses={statuses} articleId={a.id} label={`Claims by status in ${a.title}`} />
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
