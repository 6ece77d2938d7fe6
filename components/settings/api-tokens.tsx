"use client";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice } from "@/components/ui/field";
import { TokenTable } from "@/components/settings/token-table";
import { createTokenAction, revokeTokenAction } from "@/lib/tokens/actions";
import { MAX_ACTIVE_TOKENS, TOKEN_NAME_MAX_LENGTH } from "@/lib/tokens/schemas";
import type { ApiTokenDto, NewApiTokenDto } from "@/lib/tokens/dto";

type Message = { kind: "error" | "success"; text: string };

/** The signed-in user's personal API tokens: create one (its value shown once), list and revoke. */
export function ApiTokens({ initialTokens }: { initialTokens: ApiTokenDto[] }) {
  const [tokens, setTokens] = useState(initialTokens);
  const [created, setCreated] = useState<NewApiTokenDto | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [nameError, setNameError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const activeCount = tokens.filter((t) => t.status === "active").length;
  const atCap = activeCount >= MAX_ACTIVE_TOKENS;

  async function create(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setPending(true);
    setMessage(null);
    const result = await createTokenAction({ name: String(new FormData(form).get("name") ?? "") });
    setPending(false);
    if (result.ok) {
      const { token: _secret, ...listed } = result.data;
      setTokens((current) => [listed, ...current]);
      setCreated(result.data);
      setNameError(undefined);
      form.reset();
    } else {
      const fieldError = (result.error.details?.fields as Record<string, string> | undefined)?.name;
      setNameError(fieldError);
      // A problem with the name is announced beside the field; anything else goes in the notice.
      if (!fieldError) setMessage({ kind: "error", text: result.error.message });
    }
  }

  async function revoke(token: ApiTokenDto): Promise<string | null> {
    const result = await revokeTokenAction({ tokenId: token.id });
    if (!result.ok) {
      setMessage({ kind: "error", text: result.error.message });
      return result.error.message;
    }
    setTokens((current) => current.map((t) => (t.id === token.id ? result.data : t)));
    if (created?.id === token.id) setCreated(null);
    setMessage({ kind: "success", text: `Revoked “${token.name}”. Requests that use it are now refused.` });
    return null;
  }

  return (
    <div className="space-y-4">
      {created ? <NewToken token={created} onDone={() => setCreated(null)} /> : null}
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}

      <form onSubmit={create} className="flex flex-wrap items-end gap-3" noValidate>
        <div className="min-w-64 flex-1">
          <Field label="Token name" hint="What will use it, e.g. “Newsroom CMS import”." error={nameError}>
            <Input name="name" required maxLength={TOKEN_NAME_MAX_LENGTH} autoComplete="off" aria-invalid={!!nameError} disabled={atCap} />
          </Field>
        </div>
        <Button type="submit" disabled={pending || atCap} className="mb-[1.25rem]">
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
      <p className="text-xs text-slate-600">
        {activeCount} of {MAX_ACTIVE_TOKENS} active tokens.
        {atCap ? " Revoke one you no longer use to create another." : ""}
      </p>

      {tokens.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">You have no API tokens yet.</p>
      ) : (
        <TokenTable tokens={tokens} caption="Your API tokens" onRevoke={revoke} />
      )}
    </div>
  );
}

/** The one moment a new token's value is visible, with a copy button. */
function NewToken({ token, onDone }: { token: NewApiTokenDto; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");

  // Move focus here so keyboard and screen-reader users land on the new token.
  useEffect(() => {
    headingRef.current?.focus();
  }, [token.id]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopyState("copied");
    } catch {
      // No clipboard API (e.g. a plain-http address): select the text so Ctrl+C copies it.
      inputRef.current?.select();
      setCopyState("failed");
    }
  }

  return (
    <section aria-labelledby="new-token-title" className="rounded-lg border border-green-300 bg-green-50 p-4">
      <h3 id="new-token-title" ref={headingRef} tabIndex={-1} className="text-sm font-semibold text-green-950 outline-none">
        ✓ Token “{token.name}” created
      </h3>
      <p className="mt-1 text-sm text-green-950">
        <strong>Copy it now: you won’t see it again.</strong> ClaimCheck keeps only a fingerprint of it, so it cannot show it to you later. If you
        lose it, revoke it and create a new one.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <label htmlFor="new-token-value" className="sr-only">
          Your new API token
        </label>
        <input
          id="new-token-value"
          ref={inputRef}
          readOnly
          value={token.token}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          className="min-w-0 flex-1 rounded-md border border-green-400 bg-white px-2.5 py-1.5 font-mono text-sm text-slate-900"
        />
        <Button type="button" onClick={copy}>
          Copy token
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Done
        </Button>
      </div>
      <p role="status" className="mt-2 min-h-5 text-xs text-green-950">
        {copyState === "copied" ? "Copied to the clipboard." : copyState === "failed" ? "Could not copy automatically: the token is selected, press Ctrl+C (⌘C)." : ""}
      </p>
      <p className="text-xs text-slate-700">
        Use it in the <code className="font-mono">Authorization: Bearer …</code> header of requests to <code className="font-mono">/api/v1</code>. It
        acts as you, with your role.
      </p>
    </section>
  );
}
