import "server-only";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { recordAudit, diffFields } from "@/lib/audit/data";
import { readOrganizationSettings, SETTING_KEYS, type OrganizationSettings } from "@/lib/settings/store";
import type { UpdateSettingsInput } from "@/lib/settings/schemas";

export type { OrganizationSettings };

/** The organisation settings (anyone signed in may read them: they appear in every report). */
export async function getSettings(_actor: Actor): Promise<OrganizationSettings> {
  return readOrganizationSettings(db);
}

/** Changes the organisation settings (admins only); audited with before and after. */
export async function updateSettings(actor: Actor, input: UpdateSettingsInput): Promise<OrganizationSettings> {
  if (!can(actor, "settings:manage")) throw new ForbiddenError("Only admins can change the organisation settings.");
  return db.$transaction(async (tx) => {
    const current = await readOrganizationSettings(tx);
    const { before, after, changed } = diffFields(current, input);
    if (!changed) return current;
    for (const key of Object.keys(after) as (keyof OrganizationSettings)[]) {
      const value = after[key] as string | null;
      await tx.setting.upsert({ where: { key: SETTING_KEYS[key] }, create: { key: SETTING_KEYS[key], value: value ?? "" }, update: { value: value ?? "" } });
    }
    await recordAudit(tx, { actorId: actor.id, action: "settings.update", objectType: "settings", objectId: "organization", before, after });
    return readOrganizationSettings(tx);
  });
}
