"use client";
import { useState, type ComponentProps, type Ref } from "react";
import { Field, Input, Textarea } from "@/components/ui/field";

// The server's limit (lib/config.ts MAX_ARTICLE_BODY_CHARS; that module is server-side), checked
// in the browser too so an over-size text is refused at once instead of after a long upload.
export const MAX_BODY_CHARS = 2 * 1024 * 1024;
export const BODY_TOO_LONG = "The article body may be at most 2 MB of text. Shorten it, or import the part you will check.";

/** The details every article form sends, as an action takes them. */
export type ArticleDetails = { title: string; body: string; sourceUrl: string; outlet: string; author: string; publishedAt: string };
/** Prefilled values (an article being edited, a page's extracted details). */
export type ArticleDefaults = Partial<{ title: string; sourceUrl: string | null; outlet: string | null; author: string | null; publishedAt: string | null }>;

/** Reads the article fields of a submitted form. */
export function articleDetailsFromForm(form: HTMLFormElement): ArticleDetails {
  const data = new FormData(form);
  const get = (name: string) => String(data.get(name) ?? "");
  return { title: get("title"), body: get("body"), sourceUrl: get("sourceUrl"), outlet: get("outlet"), author: get("author"), publishedAt: get("publishedAt") };
}

type ActionError = { code?: string; message: string; details?: Record<string, unknown> };

/** A form's message, per-field errors and pending flag, with the handling of an action's refusal. */
export function useArticleFormState() {
  const [message, setMessage] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const refuseTooLong = () => {
    setMessage(BODY_TOO_LONG);
    setFields((f) => ({ ...f, body: BODY_TOO_LONG }));
  };
  return {
    message,
    setMessage,
    fields,
    pending,
    setPending,
    /** Says the text is over the limit, at the top and beside the text field. */
    refuseTooLong,
    /** Refuses an over-size text before any upload; true when the body may be sent. */
    bodyFits(body: string): boolean {
      if (body.length <= MAX_BODY_CHARS) return true;
      refuseTooLong();
      return false;
    },
    /** Shows an action's refusal: its message, and each field's own error beside the field. */
    refused(error: ActionError, message?: string) {
      setPending(false);
      setMessage(message ?? error.message);
      setFields((error.details?.fields as Record<string, string>) ?? {});
    },
  };
}

/** Title, outlet, author, source URL and publication date, with their errors. */
export function ArticleDetailFields({
  fields,
  defaults = {},
  sourceHint,
  titleRef,
}: {
  fields: Record<string, string>;
  defaults?: ArticleDefaults;
  sourceHint?: string;
  titleRef?: Ref<HTMLInputElement>;
}) {
  return (
      <>
        <Field label="Title" error={fields.title}>
          <Input ref={titleRef} name="title" required defaultValue={defaults.title} aria-invalid={!!fields.title} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Outlet" error={fields.outlet}>
            <Input name="outlet" defaultValue={defaults.outlet ?? ""} />
          </Field>
          <Field label="Author" error={fields.author}>
            <Input name="author" defaultValue={defaults.author ?? ""} />
          </Field>
          <Field label="Source URL" hint={sourceHint} error={fields.sourceUrl}>
            <Input name="sourceUrl" type="url" placeholder="https://" defaultValue={defaults.sourceUrl ?? ""} aria-invalid={!!fields.sourceUrl} />
          </Field>
          <Field label="Published on" error={fields.publishedAt}>
            <Input name="publishedAt" type="date" defaultValue={defaults.publishedAt?.slice(0, 10) ?? ""} />
          </Field>
        </div>
      </>
  );
}

/**
 * The article text's box, in every article form (import, web-import preview, edit). It sets
 * `autocomplete="off"`, so the browser keeps no copy of the text in the history entry: Chromium
 * copies each form field's value into the current history entry on every history change (a link
 * followed, the form's own router.push after an import or a save), and for a 2 MB text that
 * blocked the page for about 400 ms (427 ms against 1 ms with "off", in Chromium 156). The pages
 * change within the app, so Back never brought that copy back; only a return to a page the
 * browser had unloaded would have.
 */
export function ArticleTextBox(props: Omit<ComponentProps<"textarea">, "name" | "autoComplete">) {
  return <Textarea {...props} name="body" autoComplete="off" className={`font-serif ${props.className ?? ""}`} />;
}
