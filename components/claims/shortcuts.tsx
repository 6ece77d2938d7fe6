"use client";
import { useEffect, useRef } from "react";
import { usePreferences } from "@/components/settings/preferences-provider";
import { Button } from "@/components/ui/button";

/** Single-key shortcuts are on unless this person turned them off in Settings (kept on the server). */
export function useShortcutsEnabled(): boolean {
  return usePreferences().keyboardShortcuts;
}

/** True when a key press belongs to a field (or a modifier is held): shortcuts never fire then. */
export function isTypingTarget(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t?.closest?.("input, textarea, select, [contenteditable='true'], [role=textbox]") || e.ctrlKey || e.metaKey || e.altKey;
}

export const SHORTCUTS: [string, string][] = [
  ["j / k", "Next / previous claim"],
  ["1 … 9", "Set the open claim's status (the scale's order); save with Ctrl+Enter"],
  ["Ctrl+Enter", "Save the claim (in the form)"],
  ["Enter", "In the article text: add the selection as a claim"],
  ["?", "Show this list"],
  ["Esc", "Close this list"],
];

/** The list of keyboard shortcuts, opened with "?". */
export function ShortcutHelp({ open, onClose, statuses }: { open: boolean; onClose: () => void; statuses: { key: string; label: string }[] }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="shortcuts-title" className="m-auto max-w-lg rounded-lg border border-slate-300 p-5 shadow-xl backdrop:bg-slate-900/40">
      <h2 id="shortcuts-title" className="text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <p className="mt-1 text-sm text-slate-600">Single keys work outside form fields, and can be turned off in Settings.</p>
      <table className="mt-3 w-full text-sm">
        <tbody>
          {SHORTCUTS.map(([k, what]) => (
            <tr key={k} className="border-t border-slate-200">
              <th scope="row" className="py-1.5 pr-4 text-left font-mono font-semibold">
                {k}
              </th>
              <td className="py-1.5">{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {statuses.length ? (
        <p className="mt-3 text-xs text-slate-600">
          Status keys: {statuses.slice(0, 9).map((s, i) => `${i + 1} ${s.label}`).join(" · ")}
        </p>
      ) : null}
      <div className="mt-4 text-right">
        <Button type="button" onClick={onClose} autoFocus>
          Close
        </Button>
      </div>
    </dialog>
  );
}
