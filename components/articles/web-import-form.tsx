"use client";
import { useState } from "react";
import { ArticleDetailFields, ArticleTextBox, articleDetailsFromForm, useArticleFormState } from "@/components/articles/article-fields";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice } from "@/components/ui/field";
import { createArticleAction, previewImportAction } from "@/lib/articles/actions";

type Preview = { title: string; byline: string | null; publishedAt: string | null; outlet: string | null; sourceUrl: string | null; body: string };

const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Import a published page by its URL or as an uploaded HTML file; the extracted text is shown to correct before saving. */
export function WebImportForm() {
  const router = useRouter();
  const [url, setUrl] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const state = useArticleFormState();
  const { message, setMessage, fields, pending, setPending } = state;

  async function fetchPreview(input: { url: string } | { html: string; sourceUrl?: string }) {
    setPending(true);
    setMessage(null);
    const result = await previewImportAction({ ...input, preview: true });
    setPending(false);
    if (result.ok) setPreview(result.data);
    else setMessage(result.error.message);
  }

  async function onFile(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    if (!/\.html?$/i.test(file.name) || file.size > MAX_FILE_BYTES) {
      setMessage("Choose an .html file of at most 2 MB (a page saved from the browser).");
      return;
    }
    await fetchPreview({ html: await file.text(), ...(url ? { sourceUrl: url } : {}) });
  }

  async function onSave(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const details = articleDetailsFromForm(event.currentTarget);
    if (!state.bodyFits(details.body)) return;
    setPending(true);
    const result = await createArticleAction(details);
    if (result.ok) {
      router.push(`/articles/${result.data.id}`);
      return;
    }
    state.refused(result.error);
  }

  return (
    <div className="space-y-4">
      {message ? <Notice>{message}</Notice> : null}
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void fetchPreview({ url });
        }}
      >
        <div className="min-w-[16rem] flex-1">
          <Field label="Page address" hint="The article as published (http or https). Only the main text is kept.">
            <Input name="url" type="url" placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} />
          </Field>
        </div>
        <Button type="submit" disabled={pending || !url}>
          {pending ? "Fetching…" : "Fetch and preview"}
        </Button>
      </form>
      <Field label="…or upload the page as an .html file">
        <Input type="file" accept=".html,.htm,text/html" onChange={onFile} />
      </Field>
      {preview ? (
        <form onSubmit={onSave} className="space-y-4 rounded-md border border-slate-200 bg-slate-50 p-4" aria-label="Preview to correct before saving" noValidate>
          <p className="text-sm text-slate-700">Check and correct what was found before saving.</p>
          <ArticleDetailFields fields={fields} defaults={{ ...preview, author: preview.byline }} />
          <Field label="Text" hint="Paragraphs are separated by a blank line." error={fields.body}>
            <ArticleTextBox rows={14} defaultValue={preview.body} />
          </Field>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save article"}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
