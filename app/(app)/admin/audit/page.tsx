import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/session";
import { can } from "@/lib/permissions";
import { listAuditEvents } from "@/lib/audit/data";
import { DataTable } from "@/components/ui/data-table";
import { loadAuditNames } from "@/lib/audit/readable";
import { describeAuditEvent } from "@/lib/audit/describe";

export const metadata = { title: "Audit log" };

type Search = { action?: string; actor?: string; objectType?: string; from?: string; to?: string; page?: string };

const dateOnly = (v?: string) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  if (!can(user, "audit:read")) notFound();
  const s = await searchParams;
  const filter = {
    action: s.action?.slice(0, 100) || undefined,
    actor: s.actor?.slice(0, 100) || undefined,
    objectType: s.objectType?.slice(0, 50) || undefined,
    from: dateOnly(s.from),
    to: dateOnly(s.to),
    page: Math.max(1, Number.parseInt(s.page ?? "1", 10) || 1),
  };
  const { events, nextPage } = await listAuditEvents(user, filter);
  const names = await loadAuditNames(user, events);
  const parse = (v: string | null) => {
    if (!v) return null;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  };
  const lookups = { statusLabel: (k: string) => names.statuses[k] ?? k, personName: (id: string) => names.users[id] };
  const objectCell = (e: (typeof events)[number]) => {
    if (e.objectType === "claim") {
      const c = names.claims[e.objectId];
      return c ? (
        <Link href={`/articles/${c.articleId}?claim=${e.objectId}`} className="text-blue-800 underline">
          Claim {c.number} in “{c.articleTitle}”
        </Link>
      ) : (
        <span className="text-slate-600">A deleted claim</span>
      );
    }
    if (e.objectType === "article") return <Link href={`/articles/${e.objectId}`} className="text-blue-800 underline">Article</Link>;
    if (e.objectType === "user") return names.users[e.objectId] ? <Link href="/admin/users" className="text-blue-800 underline">User {names.users[e.objectId]}</Link> : "A user";
    return e.objectType.replace(/_/g, " ");
  };
  const pageLink = (page: number) =>
    `/admin/audit?${new URLSearchParams(Object.entries({ ...filter, page: String(page) }).filter(([, v]) => v !== undefined) as [string, string][])}`;
  return (
    <div className="mx-auto max-w-6xl px-4 py-6">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="mt-1 text-sm text-slate-600">Append-only. Times are UTC.</p>
      <form className="mt-4 flex flex-wrap items-end gap-3 text-sm" aria-label="Filter the audit log">
        <label className="block">
          Action starts with
          <input name="action" defaultValue={filter.action} placeholder="auth., claim., user." className="mt-1 block w-44 rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <label className="block">
          Actor (name or email)
          <input name="actor" defaultValue={filter.actor} className="mt-1 block w-44 rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <label className="block">
          Object
          <select name="objectType" defaultValue={filter.objectType ?? ""} className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1">
            <option value="">Any</option>
            {["claim", "article", "user", "email", "api_token", "invite"].map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          From
          <input type="date" name="from" defaultValue={filter.from} className="mt-1 block rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <label className="block">
          To
          <input type="date" name="to" defaultValue={filter.to} className="mt-1 block rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <button className="rounded-md bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800">Filter</button>
        <Link href="/admin/audit" className="py-1.5 text-blue-800 hover:underline">
          Clear
        </Link>
      </form>
      <DataTable columns={["Time (UTC)", "Who", "What", "On"]} className="mt-4">
          {events.length === 0 ? (
            <tr>
              <td colSpan={4} className="px-3 py-6 text-center text-slate-600">
                No events match.
              </td>
            </tr>
          ) : (
            events.map((e) => (
              <tr key={e.id} className="border-t border-slate-200 align-top">
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{e.at.replace("T", " ").slice(0, 19)}</td>
                <td className="px-3 py-2">
                  {e.actor ? (
                    <Link href={`/admin/audit?actor=${encodeURIComponent(e.actor.email)}`} className="text-blue-800 hover:underline">
                      {e.actor.name}
                    </Link>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                  {e.ip ? <div className="text-xs text-slate-500">{e.ip}</div> : null}
                </td>
                <td className="max-w-md break-words px-3 py-2">
                  {describeAuditEvent({ action: e.action, before: parse(e.before), after: parse(e.after) }, lookups)}
                  <details className="mt-1 text-xs text-slate-600">
                    <summary className="cursor-pointer">details</summary>
                    <div className="mt-1 font-mono">
                      <div>{e.action}</div>
                      <div className="break-all">
                        {e.objectType} {e.objectId}
                      </div>
                      {e.before ? <div>− {e.before}</div> : null}
                      {e.after ? <div>+ {e.after}</div> : null}
                    </div>
                  </details>
                </td>
                <td className="px-3 py-2 text-sm">{objectCell(e)}</td>
              </tr>
            ))
          )}
        </DataTable>
      <div className="mt-4 flex gap-4 text-sm">
        {filter.page > 1 ? <Link href={pageLink(filter.page - 1)}>← Newer</Link> : null}
        {nextPage ? <Link href={pageLink(nextPage)}>Older →</Link> : null}
      </div>
    </div>
  );
}
