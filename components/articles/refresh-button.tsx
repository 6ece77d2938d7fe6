"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/field";
import { refreshArticleAction } from "@/lib/articles/actions";

/** "Check for changes": fetches the source again; a suspicious change waits for confirmation. */
export function RefreshButton({ articleId }: { articleId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ kind: "error" | "info" | "success"; text: string } | null>(null);
  const [held, setHeld] = useState(false);

  async function run(confirm: boolean) {
    setPending(true);
    const result = await refreshArticleAction({ articleId, confirm });
    setPending(false);
    if (!result.ok) return setMessage({ kind: "error", text: result.error.message });
    const r = result.data;
    if (r.held) {
      setHeld(true);
      return setMessage({ kind: "error", text: r.summary?.message ?? "The change was held for confirmation." });
    }
    setHeld(false);
    if (!r.changed) return setMessage({ kind: "success", text: "No changes: the published page matches this text." });
    setMessage({ kind: "info", text: `The page changed after import: revision ${r.revision} was made and claims were found again.` });
    router.refresh();
  }

  return (
    <div className="space-y-2">
      <div className="flex gap-2">
        <Button type="button" variant="secondary" onClick={() => run(false)} disabled={pending}>
          {pending ? "Checking…" : "Check for changes"}
        </Button>
        {held ? (
          <Button type="button" variant="danger" onClick={() => run(true)} disabled={pending}>
            Make it a new revision anyway
          </Button>
        ) : null}
      </div>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
    </div>
  );
}
