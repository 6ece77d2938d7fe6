import { requireUser } from "@/lib/session";
import { can } from "@/lib/permissions";
import { listAnchorsToCheck } from "@/lib/anchoring/data";
import { AnchorPanel } from "@/components/claims/anchor-panel";
import Link from "next/link";

export const metadata = { title: "Anchors to check" };

export default async function AnchorsPage() {
  const user = await requireUser();
  const items = await listAnchorsToCheck(user);
  const byArticle = new Map<string, typeof items>();
  for (const c of items) byArticle.set(c.articleId, [...(byArticle.get(c.articleId) ?? []), c]);
  return (
    <div className="mx-auto max-w-4xl px-4 py-6">
      <h1 className="text-2xl font-semibold">Anchors to check</h1>
      <p className="mt-1 text-sm text-slate-600">
        Claims whose words moved or could not be found after an article changed. Confirm a move, re-attach the claim to its new words in the article, or retire it with a note.
      </p>
      {items.length === 0 ? <p className="mt-6 rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600">Nothing to check: every claim stands in its article&apos;s current text.</p> : null}
      <div className="mt-6 space-y-6">
        {[...byArticle].map(([articleId, claims]) => (
          <section key={articleId} aria-label={claims[0].articleTitle}>
            <h2 className="mb-2 text-lg font-semibold">
              <Link href={`/articles/${articleId}`} className="text-blue-800 hover:underline">
                {claims[0].articleTitle}
              </Link>{" "}
              <span className="text-sm font-normal text-slate-500">revision {claims[0].articleRevision}</span>
            </h2>
            <AnchorPanel claims={claims} revision={claims[0].articleRevision} canAct={can(user, "claim:update")} inArticle={false} />
          </section>
        ))}
      </div>
    </div>
  );
}
