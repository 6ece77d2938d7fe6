import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/session";

/** A person's own settings that follow them to every browser. */
export type PreferencesDto = { keyboardShortcuts: boolean };

/** What someone who never changed anything gets (no row stored). */
export const DEFAULT_PREFERENCES: PreferencesDto = { keyboardShortcuts: true };

/** The caller's own preferences. */
export async function getOwnPreferences(user: Pick<SessionUser, "id">): Promise<PreferencesDto> {
  const row = await db.userPreference.findUnique({ where: { userId: user.id }, select: { keyboardShortcuts: true } });
  return row ?? DEFAULT_PREFERENCES;
}

/** Changes the caller's own preferences (only their own: the user id is the session's). */
export async function setOwnPreferences(user: Pick<SessionUser, "id">, input: Partial<PreferencesDto>): Promise<PreferencesDto> {
  if (input.keyboardShortcuts === undefined) return getOwnPreferences(user);
  return db.userPreference.upsert({
    where: { userId: user.id },
    create: { userId: user.id, keyboardShortcuts: input.keyboardShortcuts },
    update: { keyboardShortcuts: input.keyboardShortcuts },
    select: { keyboardShortcuts: true },
  });
}
