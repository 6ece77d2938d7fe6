import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/session";
import { can } from "@/lib/permissions";
import { ImportArticleForm } from "@/components/articles/import-article-form";
import { WebImportForm } from "@/components/articles/web-import-form";

export const metadata = { title: "Import article" };

export default async function NewArticlePage() {
  const user = await requireUser();
  if (!can(user, "article:create")) notFound();
  return (
    <div className="mx-auto max-w-3xl px-4 py-6">
      <Link href="/articles" className="text-sm text-blue-800 hover:underline">
        ← Articles
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">Import article</h1>
      <section className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby="from-web">
        <h2 id="from-web" className="mb-3 text-lg font-semibold">From the web</h2>
        <WebImportForm />
      </section>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="mb-3 text-lg font-semibold">Paste text or upload a text file</h2>
        <ImportArticleForm />
      </div>
    </div>
  );
}
