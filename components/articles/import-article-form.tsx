"use client";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice, Textarea } from "@/components/ui/field";
import { createArticleAction } from "@/lib/articles/actions";

// A file is read only when it can be under the character limit (UTF-8: at most 3 bytes each).
const MAX_FILE_BYTES = 3 * 2 * 1024 * 1024;
// The server's limit (lib/config.ts MAX_ARTICLE_BODY_CHARS; that module is server-side), checked
// here too so an over-size text is refused at once instead of after a long upload.
const MAX_BODY_CHARS = 2 * 1024 * 1024;
const TOO_LONG = "The article body may be at most 2 MB of text. Shorten it, or import the part you will check.";

/** Import an article by pasting its text or uploading a .txt / .md file. */
export function ImportArticleForm() {
  const router = useRouter();
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function onFile(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    if (!/\.(txt|md|markdown)$/i.test(file.name)) {
      setMessage("Choose a .txt or .md file.");
      return;
    }
    const text = file.size > MAX_FILE_BYTES ? null : await file.text();
    if (text === null || text.length > MAX_BODY_CHARS) {
      setMessage(TOO_LONG);
      return;
    }
    if (bodyRef.current) bodyRef.current.value = text;
    if (titleRef.current && !titleRef.current.value) titleRef.current.value = file.name.replace(/\.(txt|md|markdown)$/i, "");
    setMessage(null);
  }

  function onPaste(event: React.ClipboardEvent<HTMLTextAreaElement>) {
    const area = event.currentTarget;
    const pasted = event.clipboardData.getData("text/plain").length;
    if (area.value.length - (area.selectionEnd - area.selectionStart) + pasted > MAX_BODY_CHARS) {
      setMessage(TOO_LONG);
      setFields((f) => ({ ...f, body: TOO_LONG }));
    }
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (k: string) => String(form.get(k) ?? "");
    if (get("body").length > MAX_BODY_CHARS) {
      setMessage(TOO_LONG);
      setFields((f) => ({ ...f, body: TOO_LONG }));
      return;
    }
    setPending(true);
    const result = await createArticleAction({
      title: get("title"),
      body: get("body"),
      sourceUrl: get("sourceUrl"),
      outlet: get("outlet"),
      author: get("author"),
      publishedAt: get("publishedAt"),
    });
    if (result.ok) {
      router.push(`/articles/${result.data.id}`);
      return;
    }
    setPending(false);
    setMessage(result.error.message);
    setFields((result.error.details?.fields as Record<string, string>) ?? {});
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {message ? <Notice>{message}</Notice> : null}
      <Field label="Title" error={fields.title}>
        <Input ref={titleRef} name="title" required aria-invalid={!!fields.title} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Outlet" error={fields.outlet}>
          <Input name="outlet" />
        </Field>
        <Field label="Author" error={fields.author}>
          <Input name="author" />
        </Field>
        <Field label="Source URL" hint="The published article's address (http or https)." error={fields.sourceUrl}>
          <Input name="sourceUrl" type="url" placeholder="https://" aria-invalid={!!fields.sourceUrl} />
        </Field>
        <Field label="Published on" error={fields.publishedAt}>
          <Input name="publishedAt" type="date" />
        </Field>
      </div>
      <Field label="Upload a .txt or .md file (optional)">
        <Input type="file" accept=".txt,.md,.markdown,text/plain,text/markdown" onChange={onFile} />
      </Field>
      <Field label="Article text" hint="Paste the full text. Line breaks are kept." error={fields.body}>
        <Textarea ref={bodyRef} name="body" rows={16} required className="font-serif" aria-invalid={!!fields.body} onPaste={onPaste} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Importing…" : "Import article"}
      </Button>
    </form>
  );
}
