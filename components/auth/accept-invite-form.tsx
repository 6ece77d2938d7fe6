"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice } from "@/components/ui/field";
import { acceptInviteAction, type AcceptState } from "@/lib/invites/actions";

/** The invitee chooses their password; the account is created and signed in. */
export function AcceptInviteForm({ token, email }: { token: string; email: string }) {
  const [state, formAction, pending] = useActionState<AcceptState, FormData>(acceptInviteAction, {});
  const fields = state.fields ?? {};
  return (
    <form action={formAction} className="space-y-4">
      {state.message ? <Notice>{state.message}</Notice> : null}
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="username" value={email} autoComplete="username" />
      <Field label="Choose a password" hint="At least 12 characters. A few unrelated words make a strong one." error={fields.password}>
        <Input name="password" type="password" required minLength={12} autoComplete="new-password" autoFocus />
      </Field>
      <Field label="Repeat it" error={fields.confirm}>
        <Input name="confirm" type="password" required autoComplete="new-password" />
      </Field>
      <Button type="submit" disabled={pending} className="w-full py-2">
        {pending ? "Creating your account…" : "Create account and sign in"}
      </Button>
    </form>
  );
}
