import { ArticlePicker } from "@/components/claims/article-picker";
import { REVIEW_STATES, reviewStateLabel } from "@/lib/vocabulary";
import type { ListClaimsQuery } from "@/lib/claims/schemas";
import type { StatusDto } from "@/lib/statuses/scale";

const select = "mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** The claims list's filters as a plain GET form: every filter lives in the URL, so a view can be shared. */
export function ClaimFilters({
  query,
  statuses,
  people,
  article,
}: {
  query: ListClaimsQuery;
  statuses: StatusDto[];
  people: { id: string; name: string }[];
  /** The article the list is filtered by, if any. */
  article: { id: string; title: string } | null;
}) {
  return (
    <form method="get" action="/claims" role="search" aria-label="Filter claims" className="mt-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm">
      <label className="block">
        <span className="font-medium text-slate-700">Text</span>
        <input name="q" defaultValue={query.q ?? ""} placeholder="Quote, summary, claimant, rationale" className={`${select} w-64`} />
      </label>
      <label className="block">
        <span className="font-medium text-slate-700">Status</span>
        <select name="status" defaultValue={query.status ?? ""} className={select}>
          <option value="">Any</option>
          {statuses.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label className="block">
        <span className="font-medium text-slate-700">Assigned to</span>
        <select name="assignee" defaultValue={query.assignee ?? ""} className={select}>
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="none">Nobody</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="block">
        <span className="font-medium text-slate-700">Review</span>
        <select name="reviewState" defaultValue={query.reviewState ?? ""} className={select}>
          <option value="">Any</option>
          {REVIEW_STATES.map((s) => (
            <option key={s} value={s}>
              {reviewStateLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <ArticlePicker initial={article} />
      <label className="block">
        <span className="font-medium text-slate-700">Order</span>
        <select name="sort" defaultValue={query.sort ?? "updated"} className={select}>
          <option value="updated">Last changed first</option>
          <option value="oldest">Waiting longest first</option>
          <option value="due">Due soonest first</option>
          <option value="number">By article and number</option>
        </select>
      </label>
      <button className="rounded-md bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800">Show claims</button>
      <a href="/claims" className="px-1 py-1.5 text-blue-800 underline">
        Clear filters
      </a>
    </form>
  );
}

/** The URL of a list page with `query` and another page number. */
export function pageHref(base: string, query: Record<string, unknown>, page: number) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "" && k !== "page") params.set(k, String(v));
  if (page > 1) params.set("page", String(page));
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}
