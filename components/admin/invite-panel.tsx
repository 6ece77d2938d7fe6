"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice, Select } from "@/components/ui/field";
import { createInviteAction, revokeInviteAction } from "@/lib/users/admin-actions";
import type { InviteDto } from "@/lib/invites/data";
import { ROLE_LABELS, ROLES } from "@/lib/permissions";

/** Invite a colleague: a one-time link, valid for a limited time, where they choose a password. */
export function InvitePanel({ invites: initial, ttlHours }: { invites: InviteDto[]; ttlHours: number }) {
  const [invites, setInvites] = useState(initial);
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [copied, setCopied] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const result = await createInviteAction({
      email: String(data.get("email") ?? ""),
      name: String(data.get("name") ?? ""),
      role: String(data.get("role") ?? "") as "checker",
    });
    if (result.ok) {
      setInvites((list) => [result.data.invite, ...list]);
      setLink(result.data.link);
      setCopied(false);
      setError(null);
      setFields({});
      form.reset();
    } else {
      setError(result.error.message);
      setFields((result.error.details?.fields as Record<string, string>) ?? {});
    }
  }

  async function revoke(invite: InviteDto) {
    const result = await revokeInviteAction({ inviteId: invite.id });
    if (result.ok) setInvites((list) => list.filter((i) => i.id !== invite.id));
    else setError(result.error.message);
  }

  return (
    <section aria-labelledby="invite-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="invite-title" className="text-base font-semibold">
        Invite a colleague
      </h2>
      <p className="mt-1 text-sm text-slate-600">They get a link, valid for {ttlHours} hours and usable once, where they choose their own password.</p>
      <form onSubmit={onSubmit} className="mt-4 grid gap-3 sm:grid-cols-[1fr_1fr_auto_auto] sm:items-end" noValidate>
        <Field label="Name" error={fields.name}>
          <Input name="name" required />
        </Field>
        <Field label="Email" error={fields.email}>
          <Input name="email" type="email" required />
        </Field>
        <Field label="Role" error={fields.role}>
          <Select name="role" defaultValue="checker">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit">Create invitation</Button>
      </form>
      {error ? (
        <div className="mt-3">
          <Notice>{error}</Notice>
        </div>
      ) : null}
      {link ? (
        <div className="mt-4 rounded-md border border-green-300 bg-green-50 p-3 text-sm" role="status">
          <p className="font-medium text-green-900">Invitation created. Send this link to them; it is shown only now.</p>
          <div className="mt-2 flex gap-2">
            <input readOnly value={link} aria-label="Invitation link" className="w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs" onFocus={(e) => e.target.select()} />
            <Button
              type="button"
              variant="secondary"
              onClick={async () => {
                await navigator.clipboard?.writeText(link).catch(() => undefined);
                setCopied(true);
              }}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        </div>
      ) : null}
      {invites.length ? (
        <div className="mt-5">
          <h3 className="text-sm font-semibold text-slate-800">Open invitations</h3>
          <ul className="mt-2 divide-y divide-slate-200 text-sm">
            {invites.map((i) => (
              <li key={i.id} className="flex items-center gap-3 py-2">
                <span className="font-medium">{i.name}</span>
                <span className="text-slate-600">{i.email}</span>
                <span className="text-slate-600">{ROLE_LABELS[i.role]}</span>
                <span className="text-xs text-slate-500">expires {i.expiresAt.slice(0, 16).replace("T", " ")} UTC</span>
                <Button type="button" variant="secondary" className="ml-auto" onClick={() => revoke(i)}>
                  Withdraw
                </Button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
