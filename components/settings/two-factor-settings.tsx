"use client";
import { useState } from "react";
import QRCode from "qrcode";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice } from "@/components/ui/field";

type Enrolment = { totpURI: string; secret: string; backupCodes: string[]; qr: string };

async function post(path: string, body: unknown): Promise<{ ok: boolean; status: number; body: Record<string, unknown> }> {
  const response = await fetch(`/api/auth/two-factor/${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return { ok: response.ok, status: response.status, body: ((await response.json().catch(() => ({}))) ?? {}) as Record<string, unknown> };
}

function failure(result: { status: number; body: Record<string, unknown> }, passwordAsked: boolean): string {
  const error = result.body.error as { message?: string } | undefined;
  if (result.status === 429) return error?.message ?? "Too many attempts. Wait a few minutes.";
  if (error?.message) return error.message;
  if (passwordAsked && result.status === 400) return "That password is not right.";
  return "That did not work. Check what you entered and try again.";
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-4">
      <p className="text-sm font-medium text-slate-900">Recovery codes: save them now, they are shown only once.</p>
      <p className="mt-1 text-sm text-slate-700">Each code signs you in once if you lose your phone. Keep them somewhere safe, such as a password manager.</p>
      <ul className="mt-3 grid grid-cols-2 gap-1 font-mono text-sm text-slate-900" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Two-factor sign-in with an authenticator app: turn it on (password, then scan the QR code or
 * type the secret, then confirm with a code), get new recovery codes, or turn it off.
 */
export function TwoFactorSettings({ enabled, required, continueHref }: { enabled: boolean; required: boolean; continueHref?: string }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [renewed, setRenewed] = useState<string[] | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "success" | "info"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [on, setOn] = useState(enabled);

  async function start(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    setPending(true);
    setMessage(null);
    const result = await post("enable", { password });
    setPending(false);
    if (!result.ok) return setMessage({ kind: "error", text: failure(result, true) });
    const totpURI = String(result.body.totpURI);
    const secret = new URL(totpURI).searchParams.get("secret") ?? "";
    const qr = await QRCode.toDataURL(totpURI, { margin: 1, width: 200 });
    setEnrolment({ totpURI, secret, backupCodes: (result.body.backupCodes as string[]) ?? [], qr });
  }

  async function confirm(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").replace(/\s+/g, "");
    setPending(true);
    setMessage(null);
    const result = await post("verify-totp", { code });
    setPending(false);
    if (!result.ok) return setMessage({ kind: "error", text: result.status === 429 ? failure(result, false) : "That code is not right. Check the app and the time on your phone, then try again." });
    setMessage({ kind: "success", text: "Two-factor sign-in is on. Your other sessions were signed out." });
    setOn(true);
  }

  async function withPassword(event: React.FormEvent<HTMLFormElement>, path: "disable" | "generate-backup-codes") {
    event.preventDefault();
    const form = event.currentTarget;
    const password = String(new FormData(form).get("password") ?? "");
    setPending(true);
    setMessage(null);
    const result = await post(path, { password });
    setPending(false);
    if (!result.ok) return setMessage({ kind: "error", text: failure(result, true) });
    form.reset();
    if (path === "disable") {
      setMessage({ kind: "success", text: "Two-factor sign-in is off." });
      window.location.reload();
    } else {
      setRenewed((result.body.backupCodes as string[]) ?? []);
      setMessage({ kind: "success", text: "New recovery codes made; the old ones no longer work." });
    }
  }

  if (on) {
    return (
      <div className="max-w-xl space-y-4">
        {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
        <p className="text-sm text-slate-700">
          <span aria-hidden="true">✓ </span>Two-factor sign-in is <strong>on</strong>: signing in asks for a code from your authenticator app.
        </p>
        {enrolment ? <RecoveryCodes codes={enrolment.backupCodes} /> : null}
        {renewed ? <RecoveryCodes codes={renewed} /> : null}
        {continueHref ? (
          <p>
            <a href={continueHref} className="inline-flex rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
              I saved the codes: continue to the articles
            </a>
          </p>
        ) : null}
        <form onSubmit={(e) => withPassword(e, "generate-backup-codes")} className="space-y-3" noValidate>
          <Field label="Password (to make new recovery codes)">
            <Input name="password" type="password" autoComplete="current-password" required />
          </Field>
          <Button type="submit" variant="secondary" disabled={pending}>
            New recovery codes
          </Button>
        </form>
        {required ? (
          <p className="text-sm text-slate-600">Your role requires two-factor sign-in, so it cannot be turned off.</p>
        ) : (
          <form onSubmit={(e) => withPassword(e, "disable")} className="space-y-3" noValidate>
            <Field label="Password (to turn two-factor sign-in off)">
              <Input name="password" type="password" autoComplete="current-password" required />
            </Field>
            <Button type="submit" variant="danger" disabled={pending}>
              Turn off
            </Button>
          </form>
        )}
      </div>
    );
  }

  if (enrolment) {
    return (
      <div className="max-w-xl space-y-4">
        {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
        <ol className="list-decimal space-y-3 pl-5 text-sm text-slate-700">
          <li>
            In your authenticator app (for example Aegis, Google Authenticator or 1Password), add an account by scanning this code:
            {/* A data: URL made in the browser from the secret; nothing is fetched. */}
            {/* eslint-disable-next-line @next/next/no-img-element -- a generated data: URL, which next/image cannot optimise */}
            <img src={enrolment.qr} alt="QR code for your authenticator app" width={200} height={200} className="mt-2 rounded border border-slate-200" />
            <span className="mt-2 block">
              Or type this key (spaces do not matter):{" "}
              <code className="font-mono break-all text-slate-900" data-testid="totp-secret">
                {enrolment.secret.match(/.{1,4}/g)?.join(" ")}
              </code>
            </span>
          </li>
          <li>Save the recovery codes below.</li>
          <li>Enter the six-digit code the app shows, to confirm.</li>
        </ol>
        <RecoveryCodes codes={enrolment.backupCodes} />
        <form onSubmit={confirm} className="space-y-3" noValidate>
          <Field label="Code from the app">
            <Input name="code" required inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
          </Field>
          <Button type="submit" disabled={pending}>
            {pending ? "Checking…" : "Confirm and turn on"}
          </Button>
        </form>
      </div>
    );
  }

  return (
    <form onSubmit={start} className="max-w-md space-y-4" noValidate>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <p className="text-sm text-slate-700">
        Two-factor sign-in is <strong>off</strong>. With it on, signing in also needs a code from an app on your phone, so a stolen password is not enough.
      </p>
      <Field label="Password (to set up two-factor sign-in)">
        <Input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Starting…" : "Set up two-factor sign-in"}
      </Button>
    </form>
  );
}
