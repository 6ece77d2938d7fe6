"use client";
import { useState } from "react";
import { Notice } from "@/components/ui/field";
import { TokenTable } from "@/components/settings/token-table";
import { revokeTokenAction } from "@/lib/tokens/actions";
import type { ApiTokenWithOwnerDto } from "@/lib/tokens/dto";

/** Admins: other people's API tokens, each revocable. */
export function AllTokens({ initialTokens }: { initialTokens: ApiTokenWithOwnerDto[] }) {
  const [tokens, setTokens] = useState(initialTokens);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  async function revoke(token: ApiTokenWithOwnerDto): Promise<string | null> {
    const result = await revokeTokenAction({ tokenId: token.id });
    if (!result.ok) {
      setMessage({ kind: "error", text: result.error.message });
      return result.error.message;
    }
    setTokens((current) => current.map((t) => (t.id === token.id ? { ...t, ...result.data } : t)));
    setMessage({ kind: "success", text: `Revoked “${token.name}” of ${token.owner.name}.` });
    return null;
  }

  return (
    <div className="space-y-4">
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {tokens.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">Nobody else has an API token.</p>
      ) : (
        <TokenTable tokens={tokens} caption="Other people's API tokens" showOwner onRevoke={(t) => revoke(t as ApiTokenWithOwnerDto)} />
      )}
    </div>
  );
}
