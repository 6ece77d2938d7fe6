"use client";
import { useState } from "react";
import { usePreferences } from "@/components/settings/preferences-provider";
import { Notice } from "@/components/ui/field";

/** The Settings control for single-key shortcuts (WCAG 2.1.4), kept for this person on the server. */
export function ShortcutSetting() {
  const { keyboardShortcuts, setKeyboardShortcuts } = usePreferences();
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function change(on: boolean) {
    setPending(true);
    setMessage(null);
    const ok = await setKeyboardShortcuts(on);
    setPending(false);
    setMessage(
      ok
        ? { kind: "success", text: on ? "Single-key shortcuts are on, in every browser you use." : "Single-key shortcuts are off, in every browser you use." }
        : { kind: "error", text: "The setting was not saved. Try again." },
    );
  }

  return (
    <div className="space-y-3">
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-0.5 h-4 w-4" checked={keyboardShortcuts} disabled={pending} onChange={(e) => change(e.target.checked)} name="shortcuts" />
        <span>
          <span className="font-medium text-slate-800">Single-key shortcuts</span>
          <span className="block text-slate-600">
            j / k to move between claims, number keys to set a status, ? for the list. They never fire while you type in a field. Turn them off if
            they get in the way of speech input or other tools.
          </span>
        </span>
      </label>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
    </div>
  );
}
