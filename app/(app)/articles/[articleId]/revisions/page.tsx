import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/session";
import { getArticle } from "@/lib/articles/data";
import { getRevision, listRevisions } from "@/lib/articles/revisions";
import { wordDiff } from "@/lib/articles/diff";
import { reanchorClaims } from "@/lib/anchoring/reanchor";
import { NotFoundError } from "@/lib/errors";

export const metadata = { title: "Revisions" };

const SOURCE: Record<string, string> = { import: "Imported", edit: "Edited", refresh: "Changed after import" };

export default async function RevisionsPage({ params, searchParams }: { params: Promise<{ articleId: string }>; searchParams: Promise<{ from?: string; to?: string }> }) {
  const user = await requireUser();
  const { articleId } = await params;
  const query = await searchParams;
  const [article, revisions] = await Promise.all([getArticle(user, articleId), listRevisions(user, articleId)]).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const latest = revisions.at(-1)?.revision ?? 1;
  const pick = (v: string | undefined, fallback: number) => {
    const n = Number(v);
    return Number.isInteger(n) && n >= 1 && n <= latest ? n : fallback;
  };
  const to = pick(query.to, latest);
  const from = pick(query.from, Math.max(1, to - 1));
  const [a, b] = await Promise.all([getRevision(user, articleId, from), getRevision(user, articleId, to)]);
  const parts = wordDiff(a.body, b.body);
  const changed = parts.some((p) => p.kind !== "same");
  // Which claims each revision holds: each claim's checked words looked for in that revision's text.
  const found = (body: string) =>
    new Set(
      reanchorClaims(
        body,
        article.claims.map((c) => ({ id: c.id, quote: c.checkedQuote, prefix: "", suffix: "", anchor: "exact" })),
      )
        .filter((r) => r.anchor === "exact" || r.anchor === "moved")
        .map((r) => r.id),
    );
  const inA = found(a.body);
  const inB = found(b.body);

  return (
    <div className="mx-auto max-w-5xl px-4 py-6">
      <Link href={`/articles/${article.id}`} className="text-sm text-blue-800 hover:underline">
        ← {article.title}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">Revisions</h1>
      <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-600">
            <tr>
              <th className="px-3 py-2">Revision</th>
              <th className="px-3 py-2">How</th>
              <th className="px-3 py-2">Who</th>
              <th className="px-3 py-2">When (UTC)</th>
              <th className="px-3 py-2">Note</th>
              <th className="px-3 py-2">Compare</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr key={r.revision} className="border-b border-slate-100 last:border-0">
                <td className="px-3 py-2 font-medium">
                  {r.revision}
                  {r.revision === latest ? <span className="ml-1 text-xs text-slate-500">(current)</span> : null}
                </td>
                <td className="px-3 py-2">{SOURCE[r.source] ?? r.source}</td>
                <td className="px-3 py-2">{r.createdBy?.name ?? "—"}</td>
                <td className="px-3 py-2 tabular-nums">{r.createdAt.slice(0, 16).replace("T", " ")}</td>
                <td className="px-3 py-2">{r.note || "—"}</td>
                <td className="px-3 py-2">
                  {r.revision > 1 ? (
                    <Link className="text-blue-800 underline" href={`?from=${r.revision - 1}&to=${r.revision}`}>
                      with {r.revision - 1}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <form className="mt-6 flex flex-wrap items-end gap-3 text-sm" method="get">
        <label className="flex flex-col">
          From revision
          <select name="from" defaultValue={from} className="mt-1 rounded-md border border-slate-300 px-2 py-1">
            {revisions.map((r) => (
              <option key={r.revision}>{r.revision}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          To revision
          <select name="to" defaultValue={to} className="mt-1 rounded-md border border-slate-300 px-2 py-1">
            {revisions.map((r) => (
              <option key={r.revision}>{r.revision}</option>
            ))}
          </select>
        </label>
        <button className="rounded-md bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800">Compare</button>
      </form>

      <section className="mt-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby="diff-title">
        <h2 id="diff-title" className="text-lg font-semibold">
          Changes from revision {from} to {to}
        </h2>
        <p className="mt-1 text-xs text-slate-600">
          <del className="bg-red-100 text-red-900">Removed words</del> are struck through; <ins className="bg-green-100 text-green-900">added words</ins> are underlined.
        </p>
        {changed ? (
          <div className="mt-4 whitespace-pre-wrap font-serif text-[17px] leading-relaxed" data-testid="diff">
            {parts.map((p, i) =>
              p.kind === "added" ? (
                <ins key={i} className="bg-green-100 text-green-900" aria-label={`added: ${p.text}`}>
                  {p.text}
                </ins>
              ) : p.kind === "removed" ? (
                <del key={i} className="bg-red-100 text-red-900" aria-label={`removed: ${p.text}`}>
                  {p.text}
                </del>
              ) : (
                <span key={i}>{p.text}</span>
              ),
            )}
          </div>
        ) : (
          <p className="mt-3 text-sm text-slate-700">The texts of these revisions are the same.</p>
        )}
      </section>

      <section className="mt-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby="claims-title">
        <h2 id="claims-title" className="text-lg font-semibold">Claims in each revision</h2>
        <table className="mt-3 w-full text-left text-sm">
          <thead className="text-xs uppercase text-slate-600">
            <tr>
              <th className="py-1 pr-3">Claim</th>
              <th className="py-1 pr-3">Checked text</th>
              <th className="py-1 pr-3">In revision {from}</th>
              <th className="py-1 pr-3">In revision {to}</th>
            </tr>
          </thead>
          <tbody>
            {[...article.claims].sort((x, y) => x.number - y.number).map((c) => (
              <tr key={c.id} className="border-t border-slate-100 align-top">
                <td className="py-1.5 pr-3 font-medium">{c.number}</td>
                <td className="py-1.5 pr-3 font-serif">{c.checkedQuote}</td>
                <td className="py-1.5 pr-3">{inA.has(c.id) ? "✓ found" : "✗ not found"}</td>
                <td className="py-1.5 pr-3">{inB.has(c.id) ? "✓ found" : "✗ not found"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
