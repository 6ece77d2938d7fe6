"use client";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

const KEY = "claimcheck.shortcuts";
const CHANGED = "claimcheck-shortcuts-changed";

function subscribe(cb: () => void) {
  window.addEventListener(CHANGED, cb);
  window.addEventListener("storage", cb);
  return () => {
    window.removeEventListener(CHANGED, cb);
    window.removeEventListener("storage", cb);
  };
}

/** Single-key shortcuts are on unless this person turned them off (kept in this browser). */
export function useShortcutsEnabled(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(KEY) !== "off",
    () => true,
  );
}

/** Turns single-key shortcuts on or off for this browser (WCAG 2.1.4). */
export function setShortcutsEnabled(on: boolean) {
  window.localStorage.setItem(KEY, on ? "on" : "off");
  window.dispatchEvent(new Event(CHANGED));
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

/** The Settings control for single-key shortcuts. */
export function ShortcutSetting() {
  const enabled = useShortcutsEnabled();
  const [mounted, setMounted] = useState(false);
  // localStorage exists only in the browser: render the stored choice after hydration.
  // eslint-disable-next-line react-hooks/set-state-in-effect -- the standard mounted flag for browser-only state
  useEffect(() => setMounted(true), []);
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" className="mt-0.5 h-4 w-4" checked={mounted ? enabled : true} onChange={(e) => setShortcutsEnabled(e.target.checked)} name="shortcuts" />
      <span>
        <span className="font-medium text-slate-800">Single-key shortcuts</span>
        <span className="block text-slate-600">j / k to move between claims, number keys to set a status, ? for the list. Turn off if they get in the way of speech input or other tools.</span>
      </span>
    </label>
  );
}
