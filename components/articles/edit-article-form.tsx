"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice, Textarea } from "@/components/ui/field";
import { updateArticleAction } from "@/lib/articles/actions";

type Article = { id: string; title: string; body: string; sourceUrl: string | null; outlet: string | null; author: string | null; publishedAt: string | null; revision: number };

/** Edit an article's text and details; a changed text becomes a new revision and claims are re-anchored. */
export function EditArticleForm({ article }: { article: Article }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (k: string) => String(form.get(k) ?? "");
    setPending(true);
    const result = await updateArticleAction({
      articleId: article.id,
      revision: article.revision,
      title: get("title"),
      body: get("body"),
      sourceUrl: get("sourceUrl"),
      outlet: get("outlet"),
      author: get("author"),
      publishedAt: get("publishedAt"),
      note: get("note"),
    });
    if (result.ok) {
      router.push(`/articles/${article.id}`);
      router.refresh();
      return;
    }
    setPending(false);
    setMessage(result.error.code === "version_conflict" ? `${result.error.message} Your text is still in the form below.` : result.error.message);
    setFields((result.error.details?.fields as Record<string, string>) ?? {});
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {message ? <Notice>{message}</Notice> : null}
      <Notice kind="info">
        Editing revision {article.revision}. Saving a changed text keeps this revision and makes a new one; claims are found again in the new text, and those that moved or
        cannot be found are listed for a person to check.
      </Notice>
      <Field label="Title" error={fields.title}>
        <Input name="title" defaultValue={article.title} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Outlet" error={fields.outlet}>
          <Input name="outlet" defaultValue={article.outlet ?? ""} />
        </Field>
        <Field label="Author" error={fields.author}>
          <Input name="author" defaultValue={article.author ?? ""} />
        </Field>
        <Field label="Source URL" error={fields.sourceUrl}>
          <Input name="sourceUrl" type="url" defaultValue={article.sourceUrl ?? ""} />
        </Field>
        <Field label="Published on" error={fields.publishedAt}>
          <Input name="publishedAt" type="date" defaultValue={article.publishedAt?.slice(0, 10) ?? ""} />
        </Field>
      </div>
      <Field label="Text" error={fields.body}>
        <Textarea name="body" rows={20} defaultValue={article.body} className="font-serif" />
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
