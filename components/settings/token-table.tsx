"use client";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { formatTimestamp } from "@/components/settings/format";
import type { ApiTokenDto, ApiTokenWithOwnerDto } from "@/lib/tokens/dto";

type Row = ApiTokenDto & { owner?: ApiTokenWithOwnerDto["owner"] };

function TimeCell({ iso, empty }: { iso: string | null; empty: string }) {
  if (!iso) return <span className="text-slate-500">{empty}</span>;
  return <time dateTime={iso}>{formatTimestamp(iso)}</time>;
}

/** Active or revoked, said in words with a mark; the colour only repeats it. */
function TokenStatus({ token }: { token: Row }) {
  if (token.status === "active") {
    return (
      <span className="inline-flex items-center gap-1.5 whitespace-nowrap rounded-full border border-green-700 bg-white px-2 py-0.5 text-xs font-medium text-green-900">
        <span aria-hidden className="inline-block h-2 w-2 rounded-full bg-green-700" />
        Active
      </span>
    );
  }
  return (
    <span className="inline-flex flex-col">
      <span className="inline-flex w-fit items-center gap-1.5 whitespace-nowrap rounded-full border border-slate-400 bg-slate-50 px-2 py-0.5 text-xs font-medium text-slate-700">
        <span aria-hidden className="inline-block h-2 w-2 rounded-full border border-slate-500" />
        Revoked
      </span>
      {token.revokedAt ? (
        <span className="mt-0.5 whitespace-nowrap text-xs text-slate-500">
          <TimeCell iso={token.revokedAt} empty="" />
        </span>
      ) : null}
    </span>
  );
}

/** A table of API tokens with a two-step Revoke on each active one. */
export function TokenTable({
  tokens,
  caption,
  showOwner = false,
  onRevoke,
}: {
  tokens: Row[];
  caption: string;
  showOwner?: boolean;
  /** Revokes the token; resolves to an error message, or null when it worked. */
  onRevoke: (token: Row) => Promise<string | null>;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  // After Cancel the confirm buttons vanish; put focus back on the row's Revoke button.
  // A ref, not state: Cancel already re-renders (setConfirming), and the effect after that
  // render moves the focus; no second render is needed to clear it.
  const refocus = useRef<string | null>(null);

  useEffect(() => {
    if (!refocus.current) return;
    document.getElementById(`revoke-${refocus.current}`)?.focus();
    refocus.current = null;
  });

  async function revoke(token: Row) {
    setPending(token.id);
    const failed = await onRevoke(token);
    setPending(null);
    if (!failed) setConfirming(null);
  }

  return (
    <DataTable
      caption={caption}
      columns={["Name", ...(showOwner ? ["Owner"] : []), "Token", "Created", "Last used", "Status", { label: "Actions", hidden: true }]}
    >
          {tokens.map((t) => (
            <tr key={t.id} className="border-t border-slate-200 align-top">
              <td className={`break-words px-3 py-2.5 font-medium ${t.status === "active" ? "text-slate-900" : "text-slate-500"}`}>{t.name}</td>
              {showOwner ? (
                <td className="px-3 py-2.5 text-slate-700">
                  {t.owner ? (
                    <>
                      <span className="block">{t.owner.name}</span>
                      <span className="block text-xs text-slate-500">{t.owner.email}</span>
                    </>
                  ) : null}
                </td>
              ) : null}
              <td className="whitespace-nowrap px-3 py-2.5">
                <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{t.prefix}…</code>
              </td>
              <td className="whitespace-nowrap px-3 py-2.5 text-slate-700">
                <TimeCell iso={t.createdAt} empty="—" />
              </td>
              <td className="whitespace-nowrap px-3 py-2.5 text-slate-700">
                <TimeCell iso={t.lastUsedAt} empty="Never" />
              </td>
              <td className="px-3 py-2.5">
                <TokenStatus token={t} />
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-right">
                {t.status !== "active" ? null : confirming === t.id ? (
                  <span className="inline-flex items-center gap-2">
                    <span className="text-xs text-slate-700">Revoke for good?</span>
                    <Button
                      type="button"
                      variant="danger"
                      autoFocus
                      disabled={pending === t.id}
                      onClick={() => revoke(t)}
                      aria-label={`Yes, revoke the token ${t.name}`}
                    >
                      {pending === t.id ? "Revoking…" : "Yes, revoke"}
                    </Button>
                    <Button
                      type="button"
                      variant="ghost"
                      disabled={pending === t.id}
                      onClick={() => {
                        setConfirming(null);
                        refocus.current = t.id;
                      }}
                    >
                      Cancel
                    </Button>
                  </span>
                ) : (
                  <Button
                    id={`revoke-${t.id}`}
                    type="button"
                    variant="danger"
                    onClick={() => setConfirming(t.id)}
                    aria-label={`Revoke the token ${t.name}`}
                  >
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
  );
}
