"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice } from "@/components/ui/field";
import { changePasswordAction } from "@/lib/users/password-actions";

type Fields = Partial<Record<"currentPassword" | "newPassword" | "confirmPassword", string>>;

function endedText(count: number): string {
  if (count === 0) return "You had no other sessions.";
  return `${count} other session${count === 1 ? "" : "s"} signed out.`;
}

/**
 * Change your own password: the current one, then the new one twice. The policy's minimum comes
 * in as a prop: importing the policy module here would ship its password blocklist to the browser.
 */
export function ChangePasswordForm({ email, minLength }: { email: string; minLength: number }) {
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [fields, setFields] = useState<Fields>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const get = (k: string) => String(data.get(k) ?? "");
    setPending(true);
    setMessage(null);
    const result = await changePasswordAction({
      currentPassword: get("currentPassword"),
      newPassword: get("newPassword"),
      confirmPassword: get("confirmPassword"),
    });
    setPending(false);
    if (result.ok) {
      form.reset();
      setFields({});
      setMessage({ kind: "success", text: `Password changed. ${endedText(result.data.endedSessions)} This session stays signed in.` });
    } else {
      const fieldErrors = (result.error.details?.fields as Fields | undefined) ?? {};
      setFields(fieldErrors);
      // Field problems are spelled out (and announced) beside their fields; the summary only says nothing happened.
      const text = Object.keys(fieldErrors).length > 0 ? "Your password was not changed. See the fields marked below." : result.error.message;
      setMessage({ kind: "error", text });
    }
  }

  return (
    <form onSubmit={onSubmit} className="max-w-md space-y-4" noValidate>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field label="Current password" error={fields.currentPassword}>
        <Input name="currentPassword" type="password" autoComplete="current-password" required aria-invalid={!!fields.currentPassword} />
      </Field>
      <Field
        label="New password"
        hint={`At least ${minLength} characters. A few unrelated words are long and easy to remember. Common passwords and your name or email are refused.`}
        error={fields.newPassword}
      >
        <Input name="newPassword" type="password" autoComplete="new-password" required aria-invalid={!!fields.newPassword} />
      </Field>
      <Field label="Repeat the new password" error={fields.confirmPassword}>
        <Input name="confirmPassword" type="password" autoComplete="new-password" required aria-invalid={!!fields.confirmPassword} />
      </Field>
      <p className="text-xs text-slate-600">Changing it signs you out on every other device and browser. API tokens keep working.</p>
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
