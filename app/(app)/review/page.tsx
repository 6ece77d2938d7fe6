import { notFound } from "next/navigation";
import { requireUser } from "@/lib/session";
import { can } from "@/lib/permissions";
import { listStatuses } from "@/lib/statuses/data";
import { listAssignablePeople } from "@/lib/claims/people";
import { claimQueryFromParams, loadClaimList } from "@/lib/claims/queues";
import { pageHref } from "@/components/claims/claim-filters";
import { ClaimsTable } from "@/components/claims/claims-table";

export const metadata = { title: "Review queue" };

/** Verdicts awaiting review across all articles that this editor may review, due soonest then waiting longest first. */
export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  if (!can(user, "claim:review", { reviewChangers: [] })) notFound();
  const query = claimQueryFromParams(await searchParams, { reviewable: "true", sort: "due" });
  const statuses = await listStatuses();
  const [list, people] = await Promise.all([loadClaimList(user, query, statuses), listAssignablePeople(user)]);
  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <h1 className="text-2xl font-semibold">Review queue</h1>
      <p className="mt-1 text-sm text-slate-600">
        Verdicts awaiting review, due soonest and then waiting longest first. Claims you changed since their last review are left to another editor.
      </p>
      <ClaimsTable
        initial={list.claims}
        statuses={statuses}
        viewer={{ id: user.id, role: user.role }}
        people={people}
        articleTitles={list.articleTitles}
        emptyText="No verdicts are waiting for your review."
      />
      <nav className="mt-4 flex gap-3 text-sm" aria-label="Pages">
        {query.page > 1 ? <a href={pageHref("/review", {}, query.page - 1)}>← Previous</a> : null}
        {list.nextPage ? <a href={pageHref("/review", {}, list.nextPage)}>Next →</a> : null}
      </nav>
    </div>
  );
}
