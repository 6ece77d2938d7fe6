import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/session";
import { can } from "@/lib/permissions";
import { getArticle } from "@/lib/articles/data";
import { NotFoundError } from "@/lib/errors";
import { EditArticleForm } from "@/components/articles/edit-article-form";

export const metadata = { title: "Edit article" };

export default async function EditArticlePage({ params }: { params: Promise<{ articleId: string }> }) {
  const user = await requireUser();
  if (!can(user, "article:update")) notFound();
  const { articleId } = await params;
  const article = await getArticle(user, articleId).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  return (
    <div className="mx-auto max-w-4xl px-4 py-6">
      <Link href={`/articles/${article.id}`} className="text-sm text-blue-800 hover:underline">
        ← {article.title}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">Edit article</h1>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <EditArticleForm article={article} />
      </div>
    </div>
  );
}
