"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice } from "@/components/ui/field";
import { updateNameAction } from "@/lib/users/profile-actions";

/** Your own display name, as others see it on claims, comments, reviews and reports. */
export function ProfileForm({ name }: { name: string }) {
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("name") ?? "");
    setPending(true);
    setMessage(null);
    const result = await updateNameAction({ name: value });
    setPending(false);
    if (result.ok) {
      setFieldError(undefined);
      setMessage({ kind: "success", text: `Your name is now “${result.data.name}”.` });
    } else {
      const fields = (result.error.details?.fields as Record<string, string> | undefined) ?? {};
      setFieldError(fields.name);
      setMessage({ kind: "error", text: fields.name ? "Your name was not changed. See the field below." : result.error.message });
    }
  }

  return (
    <form onSubmit={onSubmit} className="max-w-md space-y-4" noValidate>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <Field label="Your name" hint="Shown to your colleagues and in reports. At most 100 characters." error={fieldError}>
        <Input name="name" defaultValue={name} maxLength={100} required autoComplete="name" aria-invalid={!!fieldError} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save name"}
      </Button>
    </form>
  );
}
