import { requireUser } from "@/lib/session";
import { listStatuses } from "@/lib/statuses/data";
import { listAssignablePeople } from "@/lib/claims/people";
import { articleChoice, claimQueryFromParams, loadClaimList } from "@/lib/claims/queues";
import { ClaimFilters, pageHref } from "@/components/claims/claim-filters";
import { ClaimsTable } from "@/components/claims/claims-table";

export const metadata = { title: "Claims" };

export default async function ClaimsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = claimQueryFromParams(await searchParams);
  const statuses = await listStatuses();
  const [list, people] = await Promise.all([loadClaimList(user, query, statuses), listAssignablePeople(user)]);
  const article = await articleChoice(query.articleId, list.articleTitles);
  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <h1 className="text-2xl font-semibold">Claims</h1>
      <ClaimFilters query={query} statuses={statuses} people={people} article={article} />
      <ClaimsTable
        key={JSON.stringify(query)}
        initial={list.claims}
        statuses={statuses}
        viewer={{ id: user.id, role: user.role }}
        people={people}
        articleTitles={list.articleTitles}
        emptyText="No claims match these filters."
      />
      <nav className="mt-4 flex gap-3 text-sm" aria-label="Pages">
        {query.page > 1 ? <a href={pageHref("/claims", query, query.page - 1)}>← Previous</a> : null}
        {list.nextPage ? <a href={pageHref("/claims", query, list.nextPage)}>Next →</a> : null}
      </nav>
    </div>
  );
}
