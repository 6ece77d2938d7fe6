import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/session";
import { AppError, NotFoundError } from "@/lib/errors";
import { reportPageHtml } from "@/lib/reports/data";
import { reportCss, type Paper } from "@/lib/reports/html";
import { PrintButton } from "@/components/reports/print-button";

export const metadata = { title: "Verification report" };

// The app's header and skip link are not part of the printed report.
const PRINT_CHROME = `@media print { header:has(nav[aria-label="Main"]), a[href="#main"] { display: none !important; } body { background: #fff; } }`;

export default async function ReportPage({ params, searchParams }: { params: Promise<{ articleId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const { articleId } = await params;
  const sp = await searchParams;
  const scope = sp.scope === "approved" ? "approved" : "all";
  const paper: Paper = sp.paper === "letter" ? "letter" : "a4";
  // Built off the main thread (lib/reports/worker-pool.ts), like the downloads.
  const html = await reportPageHtml(user, articleId, scope).catch((e) => {
    if (e instanceof NotFoundError || (e instanceof AppError && e.status === 404)) notFound();
    throw e;
  });
  const here = (q: Record<string, string>) => `/articles/${encodeURIComponent(articleId)}/report?${new URLSearchParams({ scope, paper, ...q })}`;
  const download = (format: string) => `/api/v1/articles/${encodeURIComponent(articleId)}/report?${new URLSearchParams({ format, scope, paper })}`;
  const pill = (active: boolean) =>
    `rounded-md border px-2 py-1 ${active ? "border-slate-800 bg-slate-800 font-semibold text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100"}`;
  return (
    <div className="bg-white">
      <style>{reportCss(paper) + PRINT_CHROME}</style>
      <div className="cc-no-print border-b border-slate-200 bg-slate-50">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-3 px-4 py-3 text-sm">
          <Link href={`/articles/${encodeURIComponent(articleId)}`} className="text-blue-800 hover:underline">
            ← Back to the article
          </Link>
          <span className="flex items-center gap-1" role="group" aria-label="Claims">
            <Link href={here({ scope: "all" })} className={pill(scope === "all")} aria-current={scope === "all" ? "page" : undefined}>
              All claims
            </Link>
            <Link href={here({ scope: "approved" })} className={pill(scope === "approved")} aria-current={scope === "approved" ? "page" : undefined}>
              Approved only
            </Link>
          </span>
          <span className="flex items-center gap-1" role="group" aria-label="Paper size">
            <Link href={here({ paper: "a4" })} className={pill(paper === "a4")} aria-current={paper === "a4" ? "page" : undefined}>
              A4
            </Link>
            <Link href={here({ paper: "letter" })} className={pill(paper === "letter")} aria-current={paper === "letter" ? "page" : undefined}>
              Letter
            </Link>
          </span>
          <span className="ml-auto flex items-center gap-2">
            <a href={download("pdf")} download className="text-blue-800 underline">
              Download PDF
            </a>
            <a href={download("html")} download className="text-blue-800 underline">
              Download HTML
            </a>
            <PrintButton />
          </span>
        </div>
      </div>
      {/* Built by lib/reports/html.ts, which escapes every user-written string. */}
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}
