"use client";
import { useRef } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice } from "@/components/ui/field";
import { createArticleAction } from "@/lib/articles/actions";
import { ArticleDetailFields, ArticleTextBox, articleDetailsFromForm, BODY_TOO_LONG, MAX_BODY_CHARS, useArticleFormState } from "@/components/articles/article-fields";

// A file is read only when it can be under the character limit (UTF-8: at most 3 bytes each).
const MAX_FILE_BYTES = 3 * MAX_BODY_CHARS;

/** Import an article by pasting its text or uploading a .txt / .md file. */
export function ImportArticleForm() {
  const router = useRouter();
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const state = useArticleFormState();
  const { message, setMessage, fields, pending, setPending } = state;

  async function onFile(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    if (!/\.(txt|md|markdown)$/i.test(file.name)) {
      setMessage("Choose a .txt or .md file.");
      return;
    }
    const text = file.size > MAX_FILE_BYTES ? null : await file.text();
    if (text === null || text.length > MAX_BODY_CHARS) {
      setMessage(BODY_TOO_LONG);
      return;
    }
    if (bodyRef.current) bodyRef.current.value = text;
    if (titleRef.current && !titleRef.current.value) titleRef.current.value = file.name.replace(/\.(txt|md|markdown)$/i, "");
    setMessage(null);
  }

  function onPaste(event: React.ClipboardEvent<HTMLTextAreaElement>) {
    const area = event.currentTarget;
    const pasted = event.clipboardData.getData("text/plain").length;
    if (area.value.length - (area.selectionEnd - area.selectionStart) + pasted > MAX_BODY_CHARS) state.refuseTooLong();
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
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
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {message ? <Notice>{message}</Notice> : null}
      <ArticleDetailFields fields={fields} titleRef={titleRef} sourceHint="The published article's address (http or https)." />
      <Field label="Upload a .txt or .md file (optional)">
        <Input type="file" accept=".txt,.md,.markdown,text/plain,text/markdown" onChange={onFile} />
      </Field>
      <Field label="Article text" hint="Paste the full text. Line breaks are kept." error={fields.body}>
        <ArticleTextBox ref={bodyRef} rows={16} required aria-invalid={!!fields.body} onPaste={onPaste} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Importing…" : "Import article"}
      </Button>
    </form>
  );
}
