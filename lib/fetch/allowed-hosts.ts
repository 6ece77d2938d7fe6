import "server-only";
import { db } from "@/lib/db";

/** The Setting key where admins list hosts an import may fetch even on private addresses. */
export const IMPORT_ALLOWED_HOSTS_KEY = "security.importAllowedHosts";

/** Hosts ("host" or "host:port") an admin allowed for imports; [] when none or unreadable. */
export async function readImportAllowedHosts(): Promise<string[]> {
  const row = await db.setting.findUnique({ where: { key: IMPORT_ALLOWED_HOSTS_KEY } });
  if (!row) return [];
  try {
    const parsed = JSON.parse(row.value);
    return Array.isArray(parsed) ? parsed.filter((h): h is string => typeof h === "string") : [];
  } catch {
    return [];
  }
}
