"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice } from "@/components/ui/field";
import type { OrganizationSettings } from "@/lib/settings/store";

type Fields = Partial<Record<keyof OrganizationSettings, string>>;

/** The organisation named in reports and ClaimReview (admins). Saved through PATCH /api/v1/settings. */
export function OrganizationSettingsForm({ initial }: { initial: OrganizationSettings }) {
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [fields, setFields] = useState<Fields>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const get = (k: string) => String(data.get(k) ?? "").trim() || null;
    setPending(true);
    setMessage(null);
    try {
      const res = await fetch("/api/v1/settings", {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ organizationName: get("organizationName"), organizationUrl: get("organizationUrl"), publicBaseUrl: get("publicBaseUrl") }),
      });
      const body = await res.json().catch(() => null);
      if (res.ok) {
        setFields({});
        setMessage({ kind: "success", text: "Saved. New reports use these details." });
      } else {
        setFields((body?.error?.details?.fields as Fields | undefined) ?? {});
        setMessage({ kind: "error", text: body?.error?.details?.fields ? "Nothing was saved. See the fields marked below." : (body?.error?.message ?? "Nothing was saved.") });
      }
    } catch {
      setMessage({ kind: "error", text: "Nothing was saved: the server could not be reached." });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="max-w-xl space-y-4" noValidate aria-label="Organisation">
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <Field label="Organisation name" hint="Named as the fact-checker in every report and as the ClaimReview author." error={fields.organizationName}>
        <Input name="organizationName" defaultValue={initial.organizationName ?? ""} maxLength={200} autoComplete="organization" />
      </Field>
      <Field label="Organisation web address" hint="Starts with https:// (or http://)." error={fields.organizationUrl}>
        <Input name="organizationUrl" type="url" defaultValue={initial.organizationUrl ?? ""} placeholder="https://factcheck.example.org" />
      </Field>
      <Field
        label="Public address of published reports"
        hint="Where your published fact checks live; each ClaimReview's url is this address, the article's name and the claim's number."
        error={fields.publicBaseUrl}
      >
        <Input name="publicBaseUrl" type="url" defaultValue={initial.publicBaseUrl ?? ""} placeholder="https://factcheck.example.org/checks" />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save organisation"}
      </Button>
    </form>
  );
}
