"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice, Select } from "@/components/ui/field";
import { StatusBadge } from "@/components/claims/status-badge";
import { applyPresetAction, createStatusAction, deleteStatusAction, updateStatusAction } from "@/lib/statuses/actions";
import { contrastRatio, STATUS_PRESETS, STATUS_TEXT_COLOR, statusColorProblem, type PresetKey, type StatusDto } from "@/lib/statuses/scale";

type Message = { kind: "error" | "success" | "info"; text: string };

/** The admin's status scale: presets, and each status renamed, recoloured, reordered, re-rated or deleted. */
export function StatusScaleEditor({ initial, usage }: { initial: StatusDto[]; usage: Record<string, number> }) {
  const [statuses, setStatuses] = useState(initial);
  const [counts, setCounts] = useState(usage);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);

  async function run<T>(work: () => Promise<{ ok: true; data: T } | { ok: false; error: { message: string; details?: Record<string, unknown> } }>, done: (data: T) => string) {
    setBusy(true);
    const result = await work();
    setBusy(false);
    if (result.ok) setMessage({ kind: "success", text: done(result.data) });
    else {
      const fields = result.error.details?.fields as Record<string, string> | undefined;
      setMessage({ kind: "error", text: fields ? `${result.error.message} ${Object.values(fields).join(" ")}` : result.error.message });
    }
    return result;
  }

  async function reload(list?: StatusDto[]) {
    if (list) setStatuses(list);
  }

  async function preset(key: PresetKey) {
    const r = await run(() => applyPresetAction({ preset: key }), () => `Applied the ${STATUS_PRESETS[key].label}. Statuses in use were kept.`);
    if (r.ok) reload(r.data);
  }

  async function move(s: StatusDto, delta: number) {
    const index = statuses.findIndex((x) => x.key === s.key);
    const r = await run(() => updateStatusAction({ statusKey: s.key, position: Math.max(0, index + delta) }), () => `Moved “${s.label}”.`);
    if (r.ok) {
      const list = statuses.filter((x) => x.key !== s.key);
      list.splice(Math.max(0, index + delta), 0, r.data);
      setStatuses(list);
    }
  }

  return (
    <div className="space-y-6">
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <section aria-labelledby="presets-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="presets-title" className="text-base font-semibold">
          Presets
        </h2>
        <p className="mt-1 text-sm text-slate-600">A preset adds its statuses where missing and puts them first. No status in use is removed.</p>
        <div className="mt-3 flex flex-wrap gap-2">
          {(Object.keys(STATUS_PRESETS) as PresetKey[]).map((key) => (
            <Button key={key} type="button" variant="secondary" disabled={busy} onClick={() => preset(key)}>
              Apply {STATUS_PRESETS[key].label}
            </Button>
          ))}
        </div>
      </section>

      <section aria-labelledby="scale-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 id="scale-title" className="border-b border-slate-200 px-4 py-2 text-base font-semibold">
          Statuses ({statuses.length})
        </h2>
        <ol>
          {statuses.map((s, i) => (
            <StatusRow
              key={`${s.key}:${s.label}:${s.color}:${s.isVerdict}:${s.rating?.value}:${s.rating?.best}`}
              status={s}
              first={i === 0}
              last={i === statuses.length - 1}
              others={statuses.filter((x) => x.key !== s.key)}
              inUse={counts[s.key] ?? 0}
              busy={busy}
              onMove={(d) => move(s, d)}
              onSave={async (change) => {
                const r = await run(() => updateStatusAction({ statusKey: s.key, ...change }), (d) => `Saved “${d.label}”.`);
                if (r.ok) setStatuses((list) => list.map((x) => (x.key === s.key ? r.data : x)));
              }}
              onDelete={async (moveTo) => {
                const r = await run(() => deleteStatusAction({ statusKey: s.key, moveTo }), () =>
                  moveTo ? `Deleted “${s.label}”; its claims moved to “${statuses.find((x) => x.key === moveTo)?.label}” and wait for review.` : `Deleted “${s.label}”.`,
                );
                if (r.ok) {
                  setStatuses((list) => list.filter((x) => x.key !== s.key));
                  if (moveTo) setCounts((c) => ({ ...c, [moveTo]: (c[moveTo] ?? 0) + (c[s.key] ?? 0), [s.key]: 0 }));
                }
              }}
            />
          ))}
        </ol>
      </section>

      <AddStatus
        busy={busy}
        onAdd={async (input) => {
          const r = await run(() => createStatusAction(input), (d) => `Added “${d.label}”.`);
          if (r.ok) setStatuses((list) => [...list, r.data]);
          return r.ok;
        }}
      />
    </div>
  );
}

type Change = { label?: string; color?: string; isVerdict?: boolean; rating?: { value: number; best: number; worst: number } | null };

function ratingFrom(value: string, best: string, worst: string): Change["rating"] {
  if (value.trim() === "") return null;
  return { value: Number(value), best: Number(best || 5), worst: Number(worst || 1) };
}

function ContrastNote({ color }: { color: string }) {
  const problem = statusColorProblem(color);
  return (
    <span className={`text-xs ${problem ? "text-red-700" : "text-slate-600"}`}>
      {problem ?? `Contrast with its white label ${contrastRatio(color, STATUS_TEXT_COLOR).toFixed(1)}:1 (AA)`}
    </span>
  );
}

function StatusRow({
  status,
  first,
  last,
  others,
  inUse,
  busy,
  onMove,
  onSave,
  onDelete,
}: {
  status: StatusDto;
  first: boolean;
  last: boolean;
  others: StatusDto[];
  inUse: number;
  busy: boolean;
  onMove: (delta: number) => void;
  onSave: (change: Change) => void;
  onDelete: (moveTo?: string) => void;
}) {
  const [label, setLabel] = useState(status.label);
  const [color, setColor] = useState(status.color);
  const [isVerdict, setIsVerdict] = useState(status.isVerdict);
  const [value, setValue] = useState(status.rating ? String(status.rating.value) : "");
  const [best, setBest] = useState(String(status.rating?.best ?? 5));
  const [worst, setWorst] = useState(String(status.rating?.worst ?? 1));
  const [deleting, setDeleting] = useState(false);
  const [moveTo, setMoveTo] = useState(others[0]?.key ?? "");

  return (
    <li className="border-t border-slate-200 px-4 py-3 first:border-t-0" data-status-row={status.key}>
      <form
        className="flex flex-wrap items-end gap-3"
        aria-label={`Status ${status.label}`}
        onSubmit={(e) => {
          e.preventDefault();
          onSave({ label, color, isVerdict, rating: isVerdict ? ratingFrom(value, best, worst) : null });
        }}
      >
        <div className="w-44 pb-1.5">
          <StatusBadge status={{ key: status.key, label, color: /^#[0-9a-f]{6}$/i.test(color) ? color : status.color }} />
          <div className="mt-1 text-xs text-slate-500">
            {status.key} · {inUse === 1 ? "1 claim" : `${inUse} claims`}
          </div>
        </div>
        <div className="w-40">
          <Field label="Label">
            <Input value={label} onChange={(e) => setLabel(e.target.value)} />
          </Field>
        </div>
        <div className="w-32">
          <Field label="Colour">
            <Input value={color} onChange={(e) => setColor(e.target.value)} />
          </Field>
        </div>
        <label className="flex items-center gap-1.5 pb-2 text-sm">
          <input type="checkbox" checked={isVerdict} onChange={(e) => setIsVerdict(e.target.checked)} /> Verdict
        </label>
        {isVerdict ? (
          <fieldset className="flex gap-1">
            <legend className="sr-only">Rating for ClaimReview</legend>
            <div className="w-20">
              <Field label="Rating">
                <Input inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} placeholder="none" />
              </Field>
            </div>
            <div className="w-16">
              <Field label="Best">
                <Input inputMode="numeric" value={best} onChange={(e) => setBest(e.target.value)} />
              </Field>
            </div>
            <div className="w-16">
              <Field label="Worst">
                <Input inputMode="numeric" value={worst} onChange={(e) => setWorst(e.target.value)} />
              </Field>
            </div>
          </fieldset>
        ) : null}
        <div className="flex gap-1 pb-0.5">
          <Button type="submit" variant="secondary" disabled={busy}>
            Save
          </Button>
          <Button type="button" variant="ghost" disabled={busy || first} onClick={() => onMove(-1)} aria-label={`Move ${status.label} up`}>
            ↑
          </Button>
          <Button type="button" variant="ghost" disabled={busy || last} onClick={() => onMove(1)} aria-label={`Move ${status.label} down`}>
            ↓
          </Button>
          <Button type="button" variant="danger" disabled={busy} onClick={() => setDeleting(true)}>
            Delete…
          </Button>
        </div>
        <div className="basis-full">
          <ContrastNote color={/^#[0-9a-f]{6}$/i.test(color) ? color : "#ffffff"} />
        </div>
      </form>
      {deleting ? (
        <div role="alertdialog" aria-label={`Delete ${status.label}`} className="mt-2 flex flex-wrap items-end gap-2 rounded-md border border-red-300 bg-red-50 p-2 text-sm">
          {inUse > 0 ? (
            <>
              <p className="basis-full text-red-900">
                {inUse === 1 ? "1 claim uses" : `${inUse} claims use`} “{status.label}”. Move {inUse === 1 ? "it" : "them"} to another status; they go back to review.
              </p>
              <div className="w-56">
                <Field label="Move claims to">
                  <Select value={moveTo} onChange={(e) => setMoveTo(e.target.value)}>
                    {others.map((o) => (
                      <option key={o.key} value={o.key}>
                        {o.label}
                      </option>
                    ))}
                  </Select>
                </Field>
              </div>
            </>
          ) : (
            <p className="basis-full text-red-900">Delete “{status.label}”? No claim uses it.</p>
          )}
          <Button type="button" variant="danger" disabled={busy} onClick={() => onDelete(inUse > 0 ? moveTo : undefined)}>
            Delete {status.label}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setDeleting(false)}>
            Keep it
          </Button>
        </div>
      ) : null}
    </li>
  );
}

function AddStatus({ busy, onAdd }: { busy: boolean; onAdd: (input: { label: string; color: string; isVerdict: boolean; rating?: Change["rating"] }) => Promise<boolean> }) {
  const [label, setLabel] = useState("");
  const [color, setColor] = useState("#1d4ed8");
  const [isVerdict, setIsVerdict] = useState(true);
  return (
    <section aria-labelledby="add-status-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="add-status-title" className="text-base font-semibold">
        Add a status
      </h2>
      <form
        className="mt-2 flex flex-wrap items-end gap-3"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await onAdd({ label, color, isVerdict })) setLabel("");
        }}
      >
        <div className="w-48">
          <Field label="Label">
            <Input value={label} onChange={(e) => setLabel(e.target.value)} required />
          </Field>
        </div>
        <div className="w-32">
          <Field label="Colour">
            <Input value={color} onChange={(e) => setColor(e.target.value)} />
          </Field>
        </div>
        <label className="flex items-center gap-1.5 pb-2 text-sm">
          <input type="checkbox" checked={isVerdict} onChange={(e) => setIsVerdict(e.target.checked)} /> Verdict
        </label>
        <Button type="submit" disabled={busy || !label.trim()}>
          Add status
        </Button>
        <div className="basis-full">
          <ContrastNote color={/^#[0-9a-f]{6}$/i.test(color) ? color : "#ffffff"} />
        </div>
      </form>
    </section>
  );
}
