"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice, Select } from "@/components/ui/field";
import { addEvidenceAction, deleteEvidenceAction, getClaimDetailAction, updateEvidenceAction } from "@/lib/claims/actions";
import { normalizeEvidenceUrl } from "@/lib/evidence/url";
import { can, type Role } from "@/lib/permissions";
import { STANCES, stanceLabel } from "@/lib/vocabulary";
import type { ClaimDto, EvidenceDto } from "@/lib/claims/dto";

const stanceStyle: Record<string, string> = {
  supports: "border-green-700 text-green-900",
  refutes: "border-red-700 text-red-900",
  context: "border-slate-500 text-slate-800",
};
// A mark per stance, so stances are not told apart by colour alone.
const stanceMark: Record<string, string> = { supports: "+", refutes: "−", context: "○" };

type Viewer = { id: string; role: Role };

/** A claim's evidence links: listed, added (the address shown as it will be saved), edited and removed. */
export function EvidenceSection({
  claimId,
  viewer,
  evidence,
  onChange,
  onClaimChanged,
}: {
  claimId: string;
  viewer: Viewer;
  evidence: EvidenceDto[] | null;
  onChange: (evidence: EvidenceDto[]) => void;
  /** Evidence is part of the claim: its version (and review state) moves with every change here. */
  onClaimChanged?: (claim: ClaimDto) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [url, setUrl] = useState("");
  const [urlTouched, setUrlTouched] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const canAdd = can(viewer, "evidence:add");
  const checked = url.trim() ? normalizeEvidenceUrl(url) : null;

  async function refreshClaim() {
    const detail = await getClaimDetailAction({ claimId });
    if (detail.ok) {
      const { evidence: list, comments: _c, history: _h, ...claim } = detail.data;
      onChange(list);
      onClaimChanged?.(claim);
    }
  }

  async function add(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!evidence) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    setPending(true);
    const result = await addEvidenceAction({
      claimId,
      url,
      title: String(data.get("title") ?? ""),
      stance: String(data.get("stance") ?? "") as "supports",
      note: String(data.get("note") ?? ""),
    });
    setPending(false);
    if (result.ok) {
      onChange([...evidence, result.data]);
      form.reset();
      setUrl("");
      setUrlTouched(false);
      setError(null);
      setFields({});
      await refreshClaim();
    } else {
      setError(result.error.message);
      setFields((result.error.details?.fields as Record<string, string>) ?? {});
    }
  }

  async function remove(item: EvidenceDto) {
    if (!evidence) return;
    const result = await deleteEvidenceAction({ evidenceId: item.id });
    if (result.ok) {
      onChange(evidence.filter((e) => e.id !== item.id));
      await refreshClaim();
    } else setError(result.error.message);
  }

  async function saveEdit(item: EvidenceDto, event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!evidence) return;
    const data = new FormData(event.currentTarget);
    const result = await updateEvidenceAction({
      evidenceId: item.id,
      title: String(data.get("title") ?? ""),
      stance: String(data.get("stance") ?? "") as "supports",
      note: String(data.get("note") ?? ""),
    });
    if (result.ok) {
      onChange(evidence.map((e) => (e.id === item.id ? result.data : e)));
      setEditing(null);
      setError(null);
      await refreshClaim();
    } else setError(result.error.message);
  }

  return (
    <section aria-labelledby="evidence-title" className="border-t border-slate-200 pt-4">
      <h3 id="evidence-title" className="text-sm font-semibold text-slate-800">
        Evidence {evidence ? `(${evidence.length})` : ""}
      </h3>
      {evidence === null ? (
        <p className="mt-2 text-sm text-slate-500">Loading…</p>
      ) : evidence.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No evidence links yet.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {evidence.map((e) => {
            const mine = can(viewer, "evidence:update", { addedById: e.addedBy?.id ?? null });
            return (
              <li key={e.id} className="rounded-md border border-slate-200 bg-slate-50 p-2 text-sm">
                {editing === e.id ? (
                  <form onSubmit={(ev) => saveEdit(e, ev)} className="space-y-2" aria-label={`Edit evidence ${e.title || e.url}`}>
                    <div className="break-all text-xs text-slate-500">{e.url}</div>
                    <div className="grid grid-cols-[1fr_auto] gap-2">
                      <Field label="Title">
                        <Input name="title" defaultValue={e.title} />
                      </Field>
                      <Field label="Stance">
                        <Select name="stance" defaultValue={e.stance}>
                          {STANCES.map((s) => (
                            <option key={s} value={s}>
                              {stanceLabel(s)}
                            </option>
                          ))}
                        </Select>
                      </Field>
                    </div>
                    <Field label="Note">
                      <Input name="note" defaultValue={e.note} />
                    </Field>
                    <div className="flex gap-2">
                      <Button type="submit" variant="secondary">
                        Save link
                      </Button>
                      <Button type="button" variant="ghost" onClick={() => setEditing(null)}>
                        Cancel
                      </Button>
                    </div>
                  </form>
                ) : (
                  <>
                    <div className="flex items-start gap-2">
                      <span className={`mt-0.5 shrink-0 rounded border bg-white px-1.5 text-xs font-semibold ${stanceStyle[e.stance] ?? ""}`}>
                        <span aria-hidden>{stanceMark[e.stance] ?? ""} </span>
                        {stanceLabel(e.stance)}
                      </span>
                      <a href={e.url} target="_blank" rel="noopener noreferrer nofollow" className="min-w-0 break-words font-medium text-blue-800 underline">
                        {e.title || e.url}
                      </a>
                      {mine ? (
                        <span className="ml-auto flex shrink-0 gap-1">
                          <button
                            type="button"
                            onClick={() => setEditing(e.id)}
                            className="rounded px-1.5 text-xs text-slate-700 hover:bg-slate-200"
                            aria-label={`Edit evidence ${e.title || e.url}`}
                          >
                            Edit
                          </button>
                          <button
                            type="button"
                            onClick={() => remove(e)}
                            className="rounded px-1.5 text-xs text-red-700 hover:bg-red-50"
                            aria-label={`Remove evidence ${e.title || e.url}`}
                          >
                            Remove
                          </button>
                        </span>
                      ) : null}
                    </div>
                    {e.title ? <div className="mt-1 break-all text-xs text-slate-500">{e.url}</div> : null}
                    {e.note ? <p className="mt-1 text-slate-700">{e.note}</p> : null}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {canAdd && evidence ? (
        <form onSubmit={add} className="mt-3 space-y-2 rounded-md border border-slate-200 p-3" noValidate>
          {error ? <Notice>{error}</Notice> : null}
          <Field
            label="Evidence URL"
            error={fields.url ?? (urlTouched && checked && !checked.ok ? checked.error : undefined)}
            hint={checked?.ok && checked.added ? `Will be saved as ${checked.url}` : "A web address; https:// is added when you leave it out."}
          >
            <Input name="url" type="text" inputMode="url" required placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} onBlur={() => setUrlTouched(true)} />
          </Field>
          <div className="grid grid-cols-[1fr_auto] gap-2">
            <Field label="Title" error={fields.title}>
              <Input name="title" />
            </Field>
            <Field label="Stance" error={fields.stance}>
              <Select name="stance" defaultValue="supports">
                {STANCES.map((s) => (
                  <option key={s} value={s}>
                    {stanceLabel(s)}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <Field label="Note" error={fields.note}>
            <Input name="note" />
          </Field>
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? "Adding…" : "Add evidence"}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
