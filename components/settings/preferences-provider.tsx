"use client";
import { createContext, useContext, useEffect, useState } from "react";
import { updatePreferencesAction } from "@/lib/users/profile-actions";

type Preferences = { keyboardShortcuts: boolean; setKeyboardShortcuts: (on: boolean) => Promise<boolean> };

const PreferencesContext = createContext<Preferences>({ keyboardShortcuts: true, setKeyboardShortcuts: async () => false });

// Where the first version kept the choice, per browser. Read once, moved to the server, removed.
const OLD_BROWSER_KEY = "claimcheck.shortcuts";

/**
 * The signed-in person's preferences, stored on the server (lib/users/preferences.ts) so they
 * follow them to every browser; the app layout provides them, Settings changes them.
 */
export function PreferencesProvider({ keyboardShortcuts, children }: { keyboardShortcuts: boolean; children: React.ReactNode }) {
  const [value, setValue] = useState(keyboardShortcuts);
  const [fromServer, setFromServer] = useState(keyboardShortcuts);
  // A fresh server value (after a refresh) wins over what this tab had.
  if (fromServer !== keyboardShortcuts) {
    setFromServer(keyboardShortcuts);
    setValue(keyboardShortcuts);
  }

  async function setKeyboardShortcuts(on: boolean): Promise<boolean> {
    const before = value;
    setValue(on);
    const result = await updatePreferencesAction({ keyboardShortcuts: on });
    if (!result.ok) setValue(before);
    return result.ok;
  }

  useEffect(() => {
    // Someone who had turned shortcuts off in this browser keeps them off, now everywhere.
    // The old key goes only once the account holds the choice: a page left while the request was
    // on its way (an aborted request) tries again at the next page load.
    if (window.localStorage.getItem(OLD_BROWSER_KEY) !== "off") return;
    if (!keyboardShortcuts) {
      window.localStorage.removeItem(OLD_BROWSER_KEY);
      return;
    }
    void updatePreferencesAction({ keyboardShortcuts: false }).then(
      (r) => {
        if (!r.ok) return;
        window.localStorage.removeItem(OLD_BROWSER_KEY);
        setValue(false);
      },
      () => {},
    );
    // Only once, at the first render of a signed-in page.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a one-time move of an old browser setting
  }, []);

  return <PreferencesContext.Provider value={{ keyboardShortcuts: value, setKeyboardShortcuts }}>{children}</PreferencesContext.Provider>;
}

/** The signed-in person's preferences and the way to change them. */
export function usePreferences(): Preferences {
  return useContext(PreferencesContext);
}
