"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Notice, Textarea } from "@/components/ui/field";

type Role = "admin" | "editor" | "checker" | "viewer";
const ROLE_CHOICES: { role: Role; label: string }[] = [
  { role: "admin", label: "Admins" },
  { role: "editor", label: "Editors" },
  { role: "checker", label: "Checkers" },
  { role: "viewer", label: "Viewers" },
];

/**
 * The newsroom's security settings (admins): which roles must sign in with a second factor, and
 * the in-house hosts an article import may fetch. Saved through `PATCH /api/v1/admin/security`, audited.
 */
export function SecuritySettingsForm({ initial, ownTwoFactor }: { initial: { requireTwoFactorFor: Role[]; importAllowedHosts: string[] }; ownTwoFactor: boolean }) {
  const [required, setRequired] = useState<Role[]>(initial.requireTwoFactorFor);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const hosts = String(new FormData(event.currentTarget).get("hosts") ?? "")
      .split(/[\s,]+/)
      .map((h) => h.trim())
      .filter(Boolean);
    setPending(true);
    setMessage(null);
    const response = await fetch("/api/v1/admin/security", {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ requireTwoFactorFor: required, importAllowedHosts: hosts }),
    }).catch(() => null);
    setPending(false);
    const body = (await response?.json().catch(() => null)) as { requireTwoFactorFor?: Role[]; error?: { message?: string; details?: unknown } } | null;
    if (!response?.ok || !body?.requireTwoFactorFor) {
      return setMessage({ kind: "error", text: body?.error?.message ?? "The settings were not saved. Try again." });
    }
    setRequired(body.requireTwoFactorFor);
    const names = ROLE_CHOICES.filter((c) => body.requireTwoFactorFor!.includes(c.role)).map((c) => c.label.toLowerCase());
    setMessage({
      kind: "success",
      text: names.length
        ? `Saved. Two-factor sign-in is now required for ${names.join(" and ")}; people without it set it up at their next page or sign-in.`
        : "Saved. Two-factor sign-in is optional for everyone.",
    });
  }

  const toggle = (role: Role, on: boolean) => setRequired((r) => (on ? [...new Set([...r, role])] : r.filter((x) => x !== role)));

  return (
    <form onSubmit={onSubmit} className="max-w-xl space-y-5" noValidate>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Require two-factor sign-in for</legend>
        <p className="mt-1 text-sm text-slate-600">People in these roles who have not set it up are asked to do so before they can go on.</p>
        <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
          {ROLE_CHOICES.map(({ role, label }) => (
            <label key={role} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" className="h-4 w-4" name="requireTwoFactorFor" value={role} checked={required.includes(role)} onChange={(e) => toggle(role, e.target.checked)} />
              {label}
            </label>
          ))}
        </div>
        {required.includes("admin") && !ownTwoFactor ? (
          <p className="mt-2 text-sm text-amber-900">
            <span aria-hidden="true">⚠ </span>You have not set up two-factor sign-in yourself: once this is saved you will be asked to set it up first.
          </p>
        ) : null}
      </fieldset>
      <Field
        label="Private hosts imports may fetch"
        hint="Imports fetch public addresses only. List in-house hosts (an intranet CMS, say) one per line, like cms.newsroom.example or 10.0.0.5:8080."
      >
        <Textarea name="hosts" rows={3} defaultValue={initial.importAllowedHosts.join("\n")} className="font-mono" />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save security settings"}
      </Button>
    </form>
  );
}
