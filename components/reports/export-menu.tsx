"use client";
import { useEffect, useId, useRef, useState } from "react";
import { defaultScope, REPORT_FORMATS, REPORT_FORMAT_LABELS, type ReportFormat, type ReportScope } from "@/lib/reports/model";
import type { ReportPreview } from "@/lib/reports/preview";

type PreviewState = { status: "loading" } | { status: "ready"; preview: ReportPreview } | { status: "error"; message: string };

function reportUrl(articleId: string, format: ReportFormat, scope: ReportScope, preview = false) {
  const q = new URLSearchParams({ format, scope });
  if (preview) q.set("preview", "true");
  return `/api/v1/articles/${encodeURIComponent(articleId)}/report?${q}`;
}

/**
 * The article page's Export menu: choose a format and which claims (all, or approved verdicts
 * only), see what the file will hold (and, for ClaimReview, the checker's errors and warnings),
 * then download it or open the printable report.
 */
export function ExportMenu({ articleId }: { articleId: string }) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ReportFormat>("pdf");
  const [scope, setScope] = useState<ReportScope>("all");
  const [state, setState] = useState<PreviewState>({ status: "loading" });
  const panelRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new preview request starts here; its answer arrives from outside React
    setState({ status: "loading" });
    fetch(reportUrl(articleId, format, scope, true), { headers: { accept: "application/json" } })
      .then(async (res) => {
        const body = await res.json().catch(() => null);
        if (cancelled) return;
        if (!res.ok) setState({ status: "error", message: body?.error?.message ?? `The preview failed (HTTP ${res.status}).` });
        else setState({ status: "ready", preview: body as ReportPreview });
      })
      .catch(() => !cancelled && setState({ status: "error", message: "The preview could not be loaded. Check your connection." }));
    return () => {
      cancelled = true;
    };
  }, [open, articleId, format, scope]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (!panelRef.current?.contains(e.target as Node) && !buttonRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const chooseFormat = (f: ReportFormat) => {
    setFormat(f);
    setScope(defaultScope(f));
  };

  const preview = state.status === "ready" ? state.preview : null;
  const check = preview?.claimReview;
  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((o) => !o)}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100"
      >
        Export report <span aria-hidden>▾</span>
      </button>
      {open ? (
        <div
          ref={panelRef}
          id={`${id}-panel`}
          role="region"
          aria-label="Export report"
          className="absolute right-0 z-30 mt-2 w-[26rem] max-w-[90vw] rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-lg"
        >
          <fieldset>
            <legend className="font-semibold text-slate-900">Format</legend>
            <div className="mt-1 grid grid-cols-1 gap-0.5">
              {REPORT_FORMATS.map((f) => (
                <label key={f} className="flex items-center gap-2 rounded px-1 py-0.5 hover:bg-slate-50">
                  <input type="radio" name={`${id}-format`} value={f} checked={format === f} onChange={() => chooseFormat(f)} />
                  {REPORT_FORMAT_LABELS[f]}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="mt-3">
            <legend className="font-semibold text-slate-900">Claims</legend>
            <div className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5">
              <label className="flex items-center gap-2">
                <input type="radio" name={`${id}-scope`} value="all" checked={scope === "all"} onChange={() => setScope("all")} />
                All claims
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name={`${id}-scope`} value="approved" checked={scope === "approved"} onChange={() => setScope("approved")} />
                Approved verdicts only
              </label>
            </div>
          </fieldset>

          <div className="mt-3 rounded-md border border-slate-200 bg-slate-50 p-2" aria-live="polite" data-testid="export-preview">
            {state.status === "loading" ? <p className="text-slate-600">Counting what the file will hold…</p> : null}
            {state.status === "error" ? <p className="text-red-800">{state.message}</p> : null}
            {preview ? (
              <>
                <p className="font-medium text-slate-900">
                  {preview.format === "claimreview"
                    ? `${preview.items} ClaimReview item${preview.items === 1 ? "" : "s"} (one per verdict), from ${preview.claims} of ${preview.claimsInArticle} claims.`
                    : `${preview.claims} of ${preview.claimsInArticle} claims${preview.scope === "approved" ? " (approved verdicts only)" : ""}.`}
                </p>
                {preview.byStatus.length ? (
                  <p className="mt-0.5 text-slate-600">{preview.byStatus.map((s) => `${s.label}: ${s.count}`).join(" · ")}</p>
                ) : null}
                {check ? (
                  <div className="mt-2">
                    {check.errors.length === 0 && check.warnings.length === 0 ? <p className="text-green-900">✓ ClaimReview check: no errors, no warnings.</p> : null}
                    {check.errors.length ? (
                      <>
                        <p className="font-semibold text-red-900">✗ {check.errors.length} error{check.errors.length === 1 ? "" : "s"}: Google will not show these items</p>
                        <ul className="mt-1 max-h-32 list-disc overflow-auto pl-5 text-red-900">
                          {check.errors.map((e, i) => (
                            <li key={i}>
                              Error, item {e.index + 1}, <code>{e.path}</code>: {e.message}
                            </li>
                          ))}
                        </ul>
                      </>
                    ) : null}
                    {check.warnings.length ? (
                      <>
                        <p className="mt-1 font-semibold text-amber-900">! {check.warnings.length} warning{check.warnings.length === 1 ? "" : "s"}</p>
                        <ul className="mt-1 max-h-32 list-disc overflow-auto pl-5 text-amber-900">
                          {check.warnings.map((w, i) => (
                            <li key={i}>
                              Warning, item {w.index + 1}, <code>{w.path}</code>: {w.message}
                            </li>
                          ))}
                        </ul>
                      </>
                    ) : null}
                  </div>
                ) : null}
              </>
            ) : null}
          </div>

          <div className="mt-3 flex flex-wrap items-center gap-2">
            <a
              href={reportUrl(articleId, format, scope)}
              download
              className="rounded-md bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800"
            >
              Download {REPORT_FORMAT_LABELS[format].replace(/ \(.*\)$/, "")}
            </a>
            <a href={`/articles/${encodeURIComponent(articleId)}/report?scope=${scope}`} className="text-blue-800 underline">
              Open printable report
            </a>
          </div>
        </div>
      ) : null}
    </div>
  );
}
