import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/data";
import { can, ROLES, type Actor, type Role } from "@/lib/permissions";

import { REQUIRE_TWO_FACTOR_KEY } from "@/lib/session";
const IMPORT_HOSTS_KEY = "security.importAllowedHosts";

export type SecuritySettings = { requireTwoFactorFor: Role[]; importAllowedHosts: string[] };

// "host" or "host:port": a DNS name or IPv4 address, lower case, no scheme, path or wildcard.
const hostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(260)
  .regex(/^(?=.{1,253}(?::\d{1,5})?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/, "Write a host name such as example.org or example.org:8080 (no scheme or path).");

export const securitySettingsSchema = z
  .object({
    requireTwoFactorFor: z.array(z.enum(ROLES, { message: `Roles are: ${ROLES.join(", ")}.` })).max(ROLES.length).optional(),
    importAllowedHosts: z.array(hostSchema).max(500).optional(),
  })
  .refine((v) => v.requireTwoFactorFor !== undefined || v.importAllowedHosts !== undefined, { message: "Send requireTwoFactorFor, importAllowedHosts, or both." });

function parseList(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

/** The stored security settings, without a permission check (for the app's own use, e.g. URL import). */
export async function readSecuritySettings(): Promise<SecuritySettings> {
  const rows = await db.setting.findMany({ where: { key: { in: [REQUIRE_TWO_FACTOR_KEY, IMPORT_HOSTS_KEY] } } });
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  return {
    requireTwoFactorFor: parseList(byKey.get(REQUIRE_TWO_FACTOR_KEY)).filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    importAllowedHosts: parseList(byKey.get(IMPORT_HOSTS_KEY)),
  };
}

/** The security settings, for admins only. */
export async function getSecuritySettings(actor: Actor): Promise<SecuritySettings> {
  if (!can(actor, "users:manage")) throw new ForbiddenError("Only admins can see the security settings.");
  return readSecuritySettings();
}

/** Changes the security settings (admins only), audited with before and after. */
export async function updateSecuritySettings(actor: Actor, input: z.infer<typeof securitySettingsSchema>): Promise<SecuritySettings> {
  if (!can(actor, "users:manage")) throw new ForbiddenError("Only admins can change the security settings.");
  const before = await readSecuritySettings();
  const after: SecuritySettings = {
    requireTwoFactorFor: input.requireTwoFactorFor ? ROLES.filter((r) => input.requireTwoFactorFor!.includes(r)) : before.requireTwoFactorFor,
    importAllowedHosts: input.importAllowedHosts ? [...new Set(input.importAllowedHosts)] : before.importAllowedHosts,
  };
  await db.$transaction(async (tx) => {
    for (const [key, value] of [
      [REQUIRE_TWO_FACTOR_KEY, after.requireTwoFactorFor],
      [IMPORT_HOSTS_KEY, after.importAllowedHosts],
    ] as const) {
      await tx.setting.upsert({ where: { key }, create: { key, value: JSON.stringify(value) }, update: { value: JSON.stringify(value) } });
    }
    await recordAudit(tx, { actorId: actor.id, action: "security.settings_change", objectType: "settings", objectId: "security", before, after });
  });
  return after;
}
