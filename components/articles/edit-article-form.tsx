"use client";
import { ArticleDetailFields, ArticleTextBox, articleDetailsFromForm, useArticleFormState } from "@/components/articles/article-fields";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice } from "@/components/ui/field";
import { updateArticleAction } from "@/lib/articles/actions";

type Article = { id: string; title: string; body: string; sourceUrl: string | null; outlet: string | null; author: string | null; publishedAt: string | null; revision: number };

/** Edit an article's text and details; a changed text becomes a new revision and claims are re-anchored. */
export function EditArticleForm({ article }: { article: Article }) {
  const router = useRouter();
  const state = useArticleFormState();
  const { message, fields, pending, setPending } = state;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const details = articleDetailsFromForm(event.currentTarget);
    if (!state.bodyFits(details.body)) return;
    setPending(true);
    const note = String(new FormData(event.currentTarget).get("note") ?? "");
    const result = await updateArticleAction({ articleId: article.id, revision: article.revision, ...details, note });
    if (result.ok) {
      router.push(`/articles/${article.id}`);
      router.refresh();
      return;
    }
    state.refused(result.error, result.error.code === "version_conflict" ? `${result.error.message} Your text is still in the form below.` : undefined);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {message ? <Notice>{message}</Notice> : null}
      <Notice kind="info">
        Editing revision {article.revision}. Saving a changed text keeps this revision and makes a new one; claims are found again in the new text, and those that moved or
        cannot be found are listed for a person to check.
      </Notice>
      <ArticleDetailFields fields={fields} defaults={article} />
      <Field label="Text" error={fields.body}>
        <ArticleTextBox rows={20} defaultValue={article.body} />
      </Field>
      <Field label="What changed (note for the revision history)" error={fields.note}>
        <Input name="note" placeholder="e.g. Outlet corrected the date in paragraph 3" />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save changes"}
      </Button>
    </form>
  );
}
