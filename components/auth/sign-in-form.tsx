"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice } from "@/components/ui/field";

/** The message of an error-shaped answer, if it has one. */
async function messageOf(response: Response): Promise<string | null> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? null;
}

function throttledText(response: Response): string {
  const retry = response.headers.get("Retry-After");
  return `Too many attempts. Try again in ${retry ? Math.ceil(Number(retry) / 60) : "a few"} minute(s).`;
}

/**
 * Email and password sign-in, then (for accounts with two-factor sign-in) the code from the
 * authenticator app or a recovery code. Posts to the auth routes, which throttle and audit.
 */
export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [step, setStep] = useState<"password" | "code">("password");
  const [useRecovery, setUseRecovery] = useState(false);

  async function onPassword(event: React.FormEvent<HTMLFormElement>) {
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
        const body = (await response.json().catch(() => ({}))) as { twoFactorRedirect?: boolean };
        if (body.twoFactorRedirect) {
          setStep("code");
          setPending(false);
          return;
        }
        window.location.assign(next);
        return;
      }
      if (response.status === 429) setError(throttledText(response));
      // The server says what is wrong (e.g. the address the app was opened at) and what to set.
      else if (response.status === 403) setError((await messageOf(response)) ?? "The server refused this sign-in.");
      else setError("That email and password do not match an active account.");
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  }

  async function onCode(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const code = String(new FormData(event.currentTarget).get("code") ?? "").replace(/\s+/g, "");
    try {
      const response = await fetch(useRecovery ? "/api/auth/two-factor/verify-backup-code" : "/api/auth/two-factor/verify-totp", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ code }),
      });
      if (response.ok) {
        window.location.assign(next);
        return;
      }
      if (response.status === 429) setError(throttledText(response));
      else if (response.status === 401 && /cookie|sign in/i.test((await messageOf(response)) ?? "")) {
        setError("The sign-in took too long. Enter your password again.");
        setStep("password");
      } else setError(useRecovery ? "That recovery code is not valid (each works once)." : "That code is not right. Check your authenticator app and try again.");
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  }

  if (step === "code") {
    return (
      <form method="post" onSubmit={onCode} className="space-y-4" noValidate>
        {error ? <Notice>{error}</Notice> : <Notice kind="info">Your password was right. Now the second step of signing in.</Notice>}
        <Field
          label={useRecovery ? "Recovery code" : "Code from your authenticator app"}
          hint={useRecovery ? "One of the codes you saved when you set up two-factor sign-in, like abcde-12345." : "Six digits; a new one every 30 seconds."}
        >
          <Input
            key={useRecovery ? "recovery" : "totp"}
            name="code"
            required
            autoFocus
            autoComplete="one-time-code"
            inputMode={useRecovery ? "text" : "numeric"}
            maxLength={useRecovery ? 20 : 6}
          />
        </Field>
        <Button type="submit" disabled={pending} className="w-full py-2">
          {pending ? "Checking…" : "Sign in"}
        </Button>
        <button type="button" className="text-sm text-blue-800 underline" onClick={() => setUseRecovery((v) => !v)}>
          {useRecovery ? "Use the authenticator app instead" : "Use a recovery code instead"}
        </button>
      </form>
    );
  }

  return (
    <form method="post" onSubmit={onPassword} className="space-y-4" noValidate>
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
