"use client";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Notice, Textarea } from "@/components/ui/field";
import type { CommentDto } from "@/lib/claims/dto";
import { splitMentions } from "@/lib/comments/mentions";
import { addCommentAction, listMentionableUsersAction } from "@/lib/comments/actions";

const time = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The claim's discussion: comments in order, and a box to add one (@name mentions a colleague). */
export function CommentThread({
  claimId,
  comments,
  canComment,
  onAdded,
}: {
  claimId: string;
  comments: CommentDto[] | null;
  canComment: boolean;
  onAdded: (comment: CommentDto) => void;
}) {
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [names, setNames] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    listMentionableUsersAction({}).then((r) => {
      if (live && r.ok) setNames(r.data.map((u) => u.name));
    });
    return () => {
      live = false;
    };
  }, []);

  // Names that match what is being typed after the last "@", to help spell a mention.
  const at = body.lastIndexOf("@");
  const typing = at >= 0 && !/\s{2}|\n/.test(body.slice(at)) ? body.slice(at + 1).toLocaleLowerCase() : null;
  const suggestions = typing !== null ? names.filter((n) => n.toLocaleLowerCase().startsWith(typing) && n.toLocaleLowerCase() !== typing).slice(0, 5) : [];

  async function post(e: React.FormEvent) {
    e.preventDefault();
    if (!body.trim() || pending) return;
    setPending(true);
    const result = await addCommentAction({ claimId, body });
    setPending(false);
    if (result.ok) {
      setBody("");
      setError(null);
      onAdded(result.data);
    } else setError(result.error.message);
  }

  return (
    <section aria-labelledby="comments-title" className="border-t border-slate-200 pt-4">
      <h3 id="comments-title" className="text-sm font-semibold text-slate-800">
        Discussion {comments ? `(${comments.length})` : ""}
      </h3>
      {comments === null ? (
        <p className="mt-2 text-sm text-slate-500">Loading…</p>
      ) : comments.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No comments yet.</p>
      ) : (
        <ol className="mt-2 space-y-2" aria-label="Comments">
          {comments.map((c) => (
            <li key={c.id} className="rounded-md border border-slate-200 bg-white p-2 text-sm">
              <p className="text-xs text-slate-600">
                <span className="font-semibold text-slate-800">{c.author?.name ?? "A former user"}</span> · <time dateTime={c.createdAt}>{time(c.createdAt)}</time>
              </p>
              <p className="mt-1 whitespace-pre-wrap break-words text-slate-900">
                {splitMentions(c.body, names).map((part, i) =>
                  part.mention ? (
                    <strong key={i} className="font-semibold text-blue-900">
                      {part.text}
                    </strong>
                  ) : (
                    <span key={i}>{part.text}</span>
                  ),
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
      {canComment ? (
        <form onSubmit={post} className="mt-3 space-y-2">
          {error ? <Notice>{error}</Notice> : null}
          <Field label="Add a comment" hint="Type @ and a name to notify a colleague.">
            <Textarea
              name="comment"
              rows={2}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) post(e);
              }}
            />
          </Field>
          {suggestions.length ? (
            <div className="flex flex-wrap gap-1" aria-label="Mention suggestions">
              {suggestions.map((n) => (
                <button
                  key={n}
                  type="button"
                  className="rounded-full border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-800 hover:bg-slate-100"
                  onClick={() => setBody(`${body.slice(0, at)}@${n} `)}
                >
                  @{n}
                </button>
              ))}
            </div>
          ) : null}
          <Button type="submit" variant="secondary" disabled={pending || !body.trim()}>
            {pending ? "Posting…" : "Post comment"}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
