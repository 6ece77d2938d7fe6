import { requireUser } from "@/lib/session";
import { listStatuses } from "@/lib/statuses/data";
import { listAssignablePeople } from "@/lib/claims/people";
import { claimQueryFromParams, loadClaimList } from "@/lib/claims/queues";
import { pageHref } from "@/components/claims/claim-filters";
import { ClaimsTable } from "@/components/claims/claims-table";

export const metadata = { title: "My queue" };

/** Claims assigned to me and not approved yet, soonest due first; changes requested show the reviewer's note. */
export default async function MyQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = claimQueryFromParams(await searchParams, { assignee: "me", open: "true", sort: "due" });
  const statuses = await listStatuses();
  const [list, people] = await Promise.all([loadClaimList(user, query, statuses), listAssignablePeople(user)]);
  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <h1 className="text-2xl font-semibold">My queue</h1>
      <p className="mt-1 text-sm text-slate-600">Claims assigned to you that are not approved yet, soonest due first.</p>
      <ClaimsTable
        initial={list.claims}
        statuses={statuses}
        viewer={{ id: user.id, role: user.role }}
        people={people}
        articleTitles={list.articleTitles}
        emptyText="Nothing assigned to you is waiting."
      />
      <nav className="mt-4 flex gap-3 text-sm" aria-label="Pages">
        {query.page > 1 ? <a href={pageHref("/queue", {}, query.page - 1)}>← Previous</a> : null}
        {list.nextPage ? <a href={pageHref("/queue", {}, list.nextPage)}>Next →</a> : null}
      </nav>
    </div>
  );
}
