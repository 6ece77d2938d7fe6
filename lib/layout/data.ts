import "server-only";
import { db } from "@/lib/db";
import { directQuery, fromSqlBoolean } from "@/lib/db-direct";
import { DEFAULT_PREFERENCES, type PreferencesDto } from "@/lib/users/preferences";
import type { SessionUser } from "@/lib/session";

/**
 * What the app's layout shows around every page, for the signed-in user themself: their unread
 * notifications and their own preferences, in one statement (the same answers as
 * countUnreadNotifications and getOwnPreferences; every page pays for this). Plain SQL that
 * PostgreSQL runs too.
 */
export async function loadLayoutData(user: Pick<SessionUser, "id">): Promise<{ unread: number; preferences: PreferencesDto }> {
  const [row] = await directQuery<{ unread: unknown; keyboardShortcuts: unknown }>(
    db,
    `SELECT (SELECT COUNT(*) FROM "Notification" WHERE "userId" = $1 AND "readAt" IS NULL) AS "unread",
      (SELECT "keyboardShortcuts" FROM "UserPreference" WHERE "userId" = $1) AS "keyboardShortcuts"`,
    [user.id],
  );
  const stored = row?.keyboardShortcuts;
  return {
    unread: Number(row?.unread ?? 0),
    preferences: { keyboardShortcuts: stored === null || stored === undefined ? DEFAULT_PREFERENCES.keyboardShortcuts : fromSqlBoolean(stored) },
  };
}
