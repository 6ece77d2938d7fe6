"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice } from "@/components/ui/field";
import type { SetupState } from "@/lib/users/actions";

/** The first-run form that creates the first admin. */
export function SetupForm({ action }: { action: (state: SetupState, form: FormData) => Promise<SetupState> }) {
  const [state, formAction, pending] = useActionState(action, {});
  const fields = state.fields ?? {};
  return (
    <form action={formAction} className="space-y-4">
      {state.message ? <Notice>{state.message}</Notice> : null}
      <Field label="Your name" error={fields.name}>
        <Input name="name" required autoComplete="name" defaultValue={state.values?.name} />
      </Field>
      <Field label="Email" error={fields.email}>
        <Input name="email" type="email" required autoComplete="username" defaultValue={state.values?.email} />
      </Field>
      <Field label="Password" hint="At least 12 characters. A few unrelated words make a strong one." error={fields.password}>
        <Input name="password" type="password" required minLength={12} autoComplete="new-password" />
      </Field>
      <Button type="submit" disabled={pending} className="w-full py-2">
        {pending ? "Creating…" : "Create admin and sign in"}
      </Button>
    </form>
  );
}
