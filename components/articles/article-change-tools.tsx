import Link from "next/link";
import type { ReactNode } from "react";
import { RefreshButton } from "@/components/articles/refresh-button";
import { AnchorPanel } from "@/components/claims/anchor-panel";
import type { ClaimDto } from "@/lib/claims/dto";
import type { RevisionSummaryDto } from "@/lib/articles/revisions";

/**
 * What changes around an article: its revision and links to edit and compare, "changed after
 * import" when a check found a stealth edit, the claims to settle after a change (never hidden),
 * and the suggested claims (`suggestions`: components/claims/suggestions-panel.tsx).
 */
export function ArticleChangeTools({
  article,
  claims,
  revisions,
  suggestions,
  canEdit,
  canCheck,
}: {
  article: { id: string; revision: number; sourceUrl: string | null };
  claims: ClaimDto[];
  revisions: RevisionSummaryDto[];
  suggestions: ReactNode;
  canEdit: boolean;
  canCheck: boolean;
}) {
  const refreshed = revisions.filter((r) => r.source === "refresh").at(-1);
  const unsettled = claims.filter((c) => c.anchor !== "exact");
  return (
    <div className="mb-4 space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="rounded border border-slate-300 bg-white px-2 py-0.5 text-slate-700">Revision {article.revision}</span>
        <Link href={`/articles/${article.id}/revisions`} prefetch={false} className="text-blue-800 underline">
          Revisions and changes
        </Link>
        {canEdit ? (
          <Link href={`/articles/${article.id}/edit`} prefetch={false} className="text-blue-800 underline">
            Edit article
          </Link>
        ) : null}
        {canEdit && article.sourceUrl ? <RefreshButton articleId={article.id} /> : null}
      </div>
      {refreshed ? (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          ⚠ Changed after import: the published page was different when checked on {refreshed.createdAt.slice(0, 10)} (revision {refreshed.revision}).{" "}
          <Link className="font-medium underline" prefetch={false} href={`/articles/${article.id}/revisions?from=${refreshed.revision - 1}&to=${refreshed.revision}`}>
            See what changed
          </Link>
        </div>
      ) : null}
      {unsettled.length ? <AnchorPanel claims={unsettled} revision={article.revision} canAct={canCheck} inArticle /> : null}
      {suggestions}
    </div>
  );
}

