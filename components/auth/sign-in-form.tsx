"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice } from "@/components/ui/field";

/** Email and password sign-in; posts to the auth route, which throttles and audits. */
export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    try {
      const response = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
      });
      if (response.ok) {
        window.location.assign(next);
        return;
      }
      if (response.status === 429) {
        const retry = response.headers.get("Retry-After");
        setError(`Too many attempts. Try again in ${retry ? Math.ceil(Number(retry) / 60) : "a few"} minute(s).`);
      } else {
        setError("That email and password do not match an active account.");
      }
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      {error ? <Notice>{error}</Notice> : null}
      <Field label="Email">
        <Input name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field label="Password">
        <Input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" disabled={pending} className="w-full py-2">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
